import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ApprovalStatus, CaseStatus, Hotline, ReferralStatus } from '@/lib/generated/prisma/enums';
import { HOTLINE_REGISTRY } from '@/lib/referrals/hotlines';
import { referralObligationAges } from './referral-obligation-ages';
import {
  decodeObligationCursor,
  encodeObligationCursor,
  OBLIGATIONS_PAGE_SIZE,
  type ReferralObligationDTO,
  type ReferralObligationsPageDTO,
  type ReferralObligationSummary,
} from './referral-obligation-params';
import { isPastTarget, referralDueAt, referralStage, REFERRAL_STAGE_LABEL } from './referral-obligation-rules';

const { sql, empty } = Prisma;

type Row = {
  obligation_id: string;
  hotline: Hotline;
  case_id: string;
  case_number: bigint;
  case_status: CaseStatus;
  first_reported_at: Date;
  handle: string | null;
  platform_account_id: string | null;
  referral_status: ReferralStatus | null;
  referral_version: number | null;
  approval_status: ApprovalStatus | null;
};

/**
 * Required referrals not yet acknowledged by their hotline (case_obligations of kind referral,
 * outstanding), oldest first by the case's first report, keyset-paginated on (first report,
 * obligation id), each with its age, due time, whether it is past the target and the stage of the
 * latest referral version to that hotline. Outstanding obligations are a working set (the partial
 * index case_obligations_outstanding holds only them), so ordering them by their case's first
 * report is a small sort; the latest version is one probe of the referrals (case, hotline, version) key.
 */
export async function listReferralObligations({
  cursor,
  limit = OBLIGATIONS_PAGE_SIZE,
  now = new Date(),
  targetHours = getConfig().REFERRAL_TARGET_HOURS,
}: {
  cursor?: string;
  limit?: number;
  now?: Date;
  targetHours?: number;
}): Promise<ReferralObligationsPageDTO> {
  const after = decodeObligationCursor(cursor);
  // The page's ids first (obligations joined to their case's first report, index-only), then the
  // details of just those rows: the sort never carries the wide columns.
  const rows = await getPrisma().$queryRaw<Row[]>`
    WITH page AS (
      SELECT o.id, o.case_id, o.hotline, c.first_reported_at
      FROM case_obligations o JOIN cases c ON c.id = o.case_id
      WHERE o.kind = 'referral' AND o.state = 'outstanding'
        ${after ? sql`AND (c.first_reported_at, o.id) > (${after.firstReportedAt}::timestamptz, ${after.obligationId}::uuid)` : empty}
      ORDER BY c.first_reported_at, o.id
      LIMIT ${limit + 1})
    SELECT p.id::text AS obligation_id, p.hotline::text AS hotline,
           c.id::text AS case_id, c.case_number, c.status::text AS case_status, p.first_reported_at,
           a.handle, a.platform_account_id,
           r.status::text AS referral_status, r.version AS referral_version, ap.status::text AS approval_status
    FROM page p
    JOIN cases c ON c.id = p.case_id
    JOIN reported_accounts a ON a.id = c.account_id
    LEFT JOIN LATERAL (
      SELECT status, version, approval_id FROM referrals
      WHERE case_id = p.case_id AND hotline = p.hotline ORDER BY version DESC LIMIT 1
    ) r ON true
    LEFT JOIN approvals ap ON ap.id = r.approval_id
    ORDER BY p.first_reported_at, p.id`;
  const more = rows.length > limit;
  const page = (more ? rows.slice(0, limit) : rows).map((row) => toDTO(row, now, targetHours));
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: more && last ? encodeObligationCursor({ firstReportedAt: last.firstReportedAt, obligationId: last.obligationId }) : null,
    later: after !== null,
  };
}

/** How many required referrals are outstanding, and how many of them are past the target. */
export async function summariseReferralObligations({
  now = new Date(),
  targetHours = getConfig().REFERRAL_TARGET_HOURS,
}: { now?: Date; targetHours?: number } = {}): Promise<ReferralObligationSummary> {
  const { outstanding, pastTarget } = await referralObligationAges(getPrisma(), now, targetHours);
  return { outstanding, pastTarget, targetHours };
}

function toDTO(row: Row, now: Date, targetHours: number): ReferralObligationDTO {
  const stage = referralStage(row.referral_status ? { status: row.referral_status, approvalStatus: row.approval_status } : null);
  return {
    obligationId: row.obligation_id,
    caseId: row.case_id,
    caseNumber: row.case_number.toString(),
    caseStatus: row.case_status,
    handle: row.handle,
    platformAccountId: row.platform_account_id,
    hotline: row.hotline,
    hotlineName: HOTLINE_REGISTRY[row.hotline].name,
    firstReportedAt: row.first_reported_at,
    ageMs: now.getTime() - row.first_reported_at.getTime(),
    dueAt: referralDueAt(row.first_reported_at, targetHours),
    pastTarget: isPastTarget(row.first_reported_at, targetHours, now),
    stage,
    stageLabel: REFERRAL_STAGE_LABEL[stage],
    version: row.referral_version,
  };
}
