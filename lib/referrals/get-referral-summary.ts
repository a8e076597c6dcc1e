import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import type { Hotline, ReferralStatus } from '@/lib/generated/prisma/enums';
import { enabledHotlines } from './hotlines';
import { routeCase, type HotlineRoute } from './routing';

export type ReferralSummaryDto = {
  routes: HotlineRoute[];
  referrals: { hotline: Hotline; status: ReferralStatus }[];
};

/**
 * What the case page shows about referrals: which hotlines the case must go to and why, and the
 * state of each referral. Reads only the few columns routing needs (a case may hold 10,000 reports).
 */
export async function getReferralSummary(caseId: string): Promise<ReferralSummaryDto> {
  const prisma = getPrisma();
  const [kase, ukReports, referrals] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { categories: true, account: { select: { countryHint: true } } } }),
    // Only reports with a reporter country can link a case to a country; the first few name it.
    prisma.report.findMany({
      where: { caseId, reporterCountry: { not: null } },
      select: { reference: true, category: true, reporterCountry: true },
      orderBy: { receivedAt: 'asc' },
      take: 500,
    }),
    prisma.referral.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' }, select: { hotline: true, status: true } }),
  ]);
  const routes = routeCase(
    { categories: kase.categories, reports: ukReports, accountCountryHint: kase.account.countryHint },
    enabledHotlines(getConfig().REFERRAL_HOTLINES),
  );
  return { routes, referrals };
}
