import type { CheckpointFinding } from './checkpoints';
import type { ChainVerification } from './verify';

/**
 * The outcome of a verification as plain data and one paragraph, shared by the "Verify log" button
 * and `npm run audit:verify`. Pure. `ok` is false when the chain is broken, when an entry the
 * application did not write is in the log, when the chain contradicts a signed checkpoint, or when
 * entries have waited longer than the grace period to be sealed (the sealer is down).
 */
export type VerificationReport = {
  ok: boolean;
  status: 'intact' | 'broken';
  checked: string;
  lastSeq: string | null;
  lastHash: string | null;
  unsealedOverdue: string[];
  broken: { seq: string; entryId: string | null; reason: string } | null;
  forged: { entryId: string; event: string; occurredAt: string }[];
  checkpoints: { compared: number; latestAt: string | null; findings: CheckpointFinding[] };
  /** Each problem in one sentence, naming the chain position or entry. */
  problems: string[];
  message: string;
  /** What the chain was compared with outside the database, in one sentence. */
  anchorNote: string;
};

export type CheckpointComparison = { compared: number; latestAt: string | null; findings: CheckpointFinding[] };

export function verificationReport(result: ChainVerification, checkpoints: CheckpointComparison = { compared: 0, latestAt: null, findings: [] }): VerificationReport {
  const forged = result.forged.map((f) => ({ entryId: f.id.toString(), event: f.event, occurredAt: f.occurredAt.toISOString() }));
  const problems = [
    ...forged.map((f) => `Audit entry ${f.entryId} (${f.event}, dated ${f.occurredAt}) was not written by the application (its MAC fails); the sealer refuses it.`),
    ...checkpoints.findings.map((f) => `${f.message.charAt(0).toUpperCase()}${f.message.slice(1)}.`),
  ];
  const anchorNote =
    checkpoints.compared > 0
      ? `Compared with the latest ${checkpoints.compared} signed checkpoints outside the database (newest ${checkpoints.latestAt}).`
      : 'No signed checkpoints found to compare with (the worker writes one every AUDIT_CHECKPOINT_SECONDS).';
  const base = { forged, checkpoints, problems, anchorNote };
  if (result.status === 'broken') {
    const where = result.entryId !== null ? `audit entry ${result.entryId} (chain position ${result.seq})` : `chain position ${result.seq}`;
    return {
      ...base,
      ok: false,
      status: 'broken',
      checked: result.checkedCount.toString(),
      lastSeq: null,
      lastHash: null,
      unsealedOverdue: [],
      broken: { seq: result.seq.toString(), entryId: result.entryId?.toString() ?? null, reason: result.reason },
      message: [`Chain broken at ${where}: ${result.reason}. ${result.checkedCount} entries before it verified.`, ...problems].join(' '),
    };
  }
  const overdue = result.unsealedOverdue.map(String);
  const head = problems.length === 0 ? 'Chain intact' : 'Log tampered with';
  const first = `${head}: ${result.sealedCount} entries verified, last hash ${result.lastHash}.`;
  const late =
    overdue.length === 0
      ? []
      : [`But ${overdue.length}${overdue.length >= 100 ? '+' : ''} entries have waited over a minute to be sealed (first: ${overdue[0]}); is the worker running?`];
  return {
    ...base,
    ok: overdue.length === 0 && problems.length === 0,
    status: problems.length === 0 ? 'intact' : 'broken',
    checked: result.sealedCount.toString(),
    lastSeq: result.lastSeq.toString(),
    lastHash: result.lastHash,
    unsealedOverdue: overdue,
    broken: null,
    message: [first, ...problems, ...late].join(' '),
  };
}
