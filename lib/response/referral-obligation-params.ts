import { z } from 'zod';
import { firstParam, isInstantInRange } from '@/lib/http/params';
import type { CaseStatus, Hotline } from '@/lib/generated/prisma/enums';
import type { ReferralStage } from './referral-obligation-rules';

/**
 * The obligations page's URL (a keyset cursor) and the DTOs it renders. Pure: shared by the page,
 * lib/response/list-referral-obligations.ts and tests.
 */

export const OBLIGATIONS_PAGE_SIZE = 50;

/** Position in page order: the case's first report (oldest first), then the obligation's id. */
export type ObligationCursor = { firstReportedAt: Date; obligationId: string };

const ZCursorTuple = z.tuple([z.iso.datetime().refine((d) => isInstantInRange(new Date(d))), z.uuid()]);

export function encodeObligationCursor(cursor: ObligationCursor): string {
  return Buffer.from(JSON.stringify([cursor.firstReportedAt.toISOString(), cursor.obligationId])).toString('base64url');
}

/** A cursor from the URL, or null when absent or tampered with (the first page is shown). */
export function decodeObligationCursor(text: string | undefined): ObligationCursor | null {
  if (!text) return null;
  try {
    const parsed = ZCursorTuple.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    return { firstReportedAt: new Date(parsed.data[0]), obligationId: parsed.data[1] };
  } catch {
    return null;
  }
}

/** URL search params → the page's query. A malformed cursor is ignored (first page), never an error page. */
export const ZObligationsQuery = z.object({
  cursor: z.preprocess((v) => (typeof firstParam(v) === 'string' ? firstParam(v) : undefined), z.string().max(200).optional().catch(undefined)),
});

export function obligationsHref(cursor?: string | null): string {
  return cursor ? `/console/obligations?cursor=${encodeURIComponent(cursor)}` : '/console/obligations';
}

/** One required referral not yet acknowledged. Plain data, safe to hand to any component. */
export type ReferralObligationDTO = {
  obligationId: string;
  caseId: string;
  caseNumber: string;
  caseStatus: CaseStatus;
  handle: string | null;
  platformAccountId: string | null;
  hotline: Hotline;
  hotlineName: string;
  firstReportedAt: Date;
  /** Time since the case's first report, as of the list's `now`. */
  ageMs: number;
  dueAt: Date;
  pastTarget: boolean;
  stage: ReferralStage;
  stageLabel: string;
  /** The latest referral version to this hotline, when there is one. */
  version: number | null;
};

export type ReferralObligationSummary = { outstanding: number; pastTarget: number; targetHours: number };

export type ReferralObligationsPageDTO = {
  rows: ReferralObligationDTO[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
  /** True when this is not the first page (for a "First page" link). */
  later: boolean;
};
