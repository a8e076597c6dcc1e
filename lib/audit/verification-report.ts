import type { ChainVerification } from './verify';

/**
 * The outcome of a chain verification as plain data and one sentence, shared by the "Verify log"
 * button and `npm run audit:verify`. Pure. `ok` is false when the chain is broken or when entries
 * have waited longer than the grace period to be sealed (the sealer is down or something was
 * inserted around it).
 */
export type VerificationReport = {
  ok: boolean;
  status: 'intact' | 'broken';
  checked: string;
  lastSeq: string | null;
  lastHash: string | null;
  unsealedOverdue: string[];
  broken: { seq: string; entryId: string | null; reason: string } | null;
  message: string;
};

export function verificationReport(result: ChainVerification): VerificationReport {
  if (result.status === 'broken') {
    const where = result.entryId !== null ? `audit entry ${result.entryId} (chain position ${result.seq})` : `chain position ${result.seq}`;
    return {
      ok: false,
      status: 'broken',
      checked: result.checkedCount.toString(),
      lastSeq: null,
      lastHash: null,
      unsealedOverdue: [],
      broken: { seq: result.seq.toString(), entryId: result.entryId?.toString() ?? null, reason: result.reason },
      message: `Chain broken at ${where}: ${result.reason}. ${result.checkedCount} entries before it verified.`,
    };
  }
  const overdue = result.unsealedOverdue.map(String);
  const base = `Chain intact: ${result.sealedCount} entries verified, last hash ${result.lastHash}.`;
  return {
    ok: overdue.length === 0,
    status: 'intact',
    checked: result.sealedCount.toString(),
    lastSeq: result.lastSeq.toString(),
    lastHash: result.lastHash,
    unsealedOverdue: overdue,
    broken: null,
    message:
      overdue.length === 0
        ? base
        : `${base} But ${overdue.length}${overdue.length >= 100 ? '+' : ''} entries have waited over a minute to be sealed (first: ${overdue[0]}); is the worker running?`,
  };
}
