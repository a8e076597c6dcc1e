import 'server-only';
import type { LockedCase } from '@/lib/cases/case-transaction';
import type { Tx } from '@/lib/db';
import type { HarmCategory, Hotline } from '@/lib/generated/prisma/enums';
import { holdInForce } from '@/lib/preservation/start-hold';
import { routeCase } from '@/lib/referrals/routing';
import { getConfig } from '@/lib/config';
import { enabledHotlines } from '@/lib/referrals/hotlines';
import type { ResponseFacts } from './obligation-rules';

type RouteRow = { category: HarmCategory; reporterCountry: string | null; reference: string };

/**
 * The facts the obligation rules read, under the caller's case lock. Routing needs each distinct
 * (category, reporter country) once, not every report, so a case with thousands of reports costs
 * one grouped query.
 */
export async function loadResponseFacts(tx: Tx, kase: LockedCase, now: Date): Promise<ResponseFacts> {
  const [row] = await tx.$queryRaw<{ categories: HarmCategory[]; dangerNow: boolean; enforcement: string; countryHint: string | null }[]>`
    SELECT c.categories::text[] AS "categories", c.danger_now AS "dangerNow", a.enforcement::text AS "enforcement", a.country_hint AS "countryHint"
    FROM cases c JOIN reported_accounts a ON a.id = c.account_id WHERE c.id = ${kase.id}::uuid`;
  const reports = await tx.$queryRaw<RouteRow[]>`
    SELECT category::text AS "category", reporter_country AS "reporterCountry", min(reference) AS "reference"
    FROM reports WHERE case_id = ${kase.id}::uuid GROUP BY category, reporter_country`;
  const routes = routeCase({ categories: row!.categories, reports, accountCountryHint: row!.countryHint }, enabledHotlines(getConfig().REFERRAL_HOTLINES));
  const acknowledged = await tx.referral.findMany({
    where: { caseId: kase.id, status: 'acknowledged' },
    distinct: ['hotline'],
    select: { hotline: true },
  });
  const standDown = await tx.approval.findFirst({ where: { caseId: kase.id, kind: 'stand_down', status: 'approved' }, select: { id: true } });
  return {
    categories: row!.categories,
    routes: routes.map((r) => r.hotline),
    dangerNow: row!.dangerNow,
    accountSuspended: row!.enforcement === 'suspended',
    holdInForce: await holdInForce(tx, kase.accountId, now),
    acknowledged: acknowledged.map((r) => r.hotline as Hotline),
    standDownApproved: standDown !== null,
  };
}
