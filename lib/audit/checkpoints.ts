import 'server-only';
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { parseCheckpointLine, signCheckpoint, type Checkpoint } from './checkpoint-format';
import { readKeying } from './keying';

/**
 * Checkpoints outside the database (docs/decisions/0014): the worker appends a signed checkpoint of
 * the chain's head to a JSON Lines file per UTC day under AUDIT_CHECKPOINT_DIR every
 * AUDIT_CHECKPOINT_SECONDS, and POSTs it to AUDIT_CHECKPOINT_WEBHOOK_URL when set. Verification
 * compares the chain with the latest ones: a deleted tail, a rebuilt chain or a moved keying
 * boundary shows even when the database is internally consistent again.
 */
const fileFor = (dir: string, at: Date) => path.join(dir, `checkpoints-${at.toISOString().slice(0, 10)}.jsonl`);

export async function writeCheckpoint({
  prisma,
  dir,
  privateKey,
  webhookUrl,
  now = new Date(),
}: {
  prisma: PrismaClient;
  dir: string;
  privateKey: KeyObject;
  webhookUrl?: string | undefined;
  now?: Date;
}): Promise<Checkpoint | null> {
  const [head] = await prisma.$queryRaw<{ seq: bigint; entryId: bigint; hash: string }[]>`
    SELECT seq, entry_id AS "entryId", hash FROM audit_seals ORDER BY seq DESC LIMIT 1`;
  if (!head) return null;
  // Nothing new since the last checkpoint in this directory, written by this worker or another one.
  if ((await lastSeqInFile(fileFor(dir, now))) === head.seq.toString()) return null;
  const keying = await readKeying(prisma);
  const checkpoint = signCheckpoint(
    { version: 1, seq: head.seq.toString(), entryId: head.entryId.toString(), hash: head.hash, keyedFromSeq: keying.keyedFromSeq.toString(), at: now.toISOString() },
    privateKey,
  );
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await appendFile(fileFor(dir, now), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  if (webhookUrl) await postCheckpoint(webhookUrl, checkpoint);
  return checkpoint;
}

/** The seq of the last checkpoint line in `file`, or null when there is none. */
async function lastSeqInFile(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const last = text.trimEnd().split('\n').at(-1);
  if (!last) return null;
  try {
    const seq = (JSON.parse(last) as { seq?: unknown }).seq;
    return typeof seq === 'string' ? seq : null;
  } catch {
    return null;
  }
}

async function postCheckpoint(url: string, checkpoint: Checkpoint): Promise<void> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(checkpoint),
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) console.error(`[audit] checkpoint webhook answered ${response.status}`);
  } catch (error) {
    console.error('[audit] checkpoint webhook failed:', error instanceof Error ? error.message : error);
  }
}

export type CheckpointRead = { checkpoints: Checkpoint[]; untrusted: { file: string; line: number; reason: string }[] };

/** The latest `limit` checkpoints with a valid signature, newest first, and any line that is not one. */
export async function readLatestCheckpoints(dir: string, publicKey: KeyObject, limit = 200): Promise<CheckpointRead> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/.test(n)).sort().reverse();
  const checkpoints: Checkpoint[] = [];
  const untrusted: CheckpointRead['untrusted'] = [];
  for (const name of names) {
    const lines = (await readFile(path.join(dir, name), 'utf8')).split('\n');
    for (let i = lines.length - 1; i >= 0 && checkpoints.length < limit; i--) {
      if (lines[i]!.trim() === '') continue;
      const parsed = parseCheckpointLine(lines[i]!, publicKey);
      if (parsed.ok) checkpoints.push(parsed.checkpoint);
      else untrusted.push({ file: name, line: i + 1, reason: parsed.reason });
    }
    if (checkpoints.length >= limit) break;
  }
  return { checkpoints, untrusted };
}

export type CheckpointFinding = { kind: 'deleted_tail' | 'rebuilt' | 'keying_moved' | 'untrusted_checkpoint'; seq: string | null; message: string };

/** What the database's chain contradicts in the checkpoints, each naming the chain position. */
export async function compareWithCheckpoints(prisma: PrismaClient, read: CheckpointRead): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = read.untrusted.map((u) => ({
    kind: 'untrusted_checkpoint' as const,
    seq: null,
    message: `checkpoint file ${u.file} line ${u.line} cannot be trusted (${u.reason})`,
  }));
  const latest = read.checkpoints[0];
  if (!latest) return findings;

  const [end] = await prisma.$queryRaw<{ seq: bigint | null }[]>`SELECT max(seq) AS seq FROM audit_seals`;
  const chainEnd = end?.seq ?? 0n;
  if (chainEnd < BigInt(latest.seq)) {
    findings.push({
      kind: 'deleted_tail',
      seq: latest.seq,
      message: `tail deleted: the checkpoint of ${latest.at} vouches for chain position ${latest.seq} (entry ${latest.entryId}), but the chain now ends at position ${chainEnd}`,
    });
  }
  const keying = await readKeying(prisma);
  if (keying.keyedFromSeq.toString() !== latest.keyedFromSeq) {
    findings.push({
      kind: 'keying_moved',
      seq: latest.keyedFromSeq,
      message: `keyed sealing now starts at chain position ${keying.keyedFromSeq}; the checkpoints say ${latest.keyedFromSeq}`,
    });
  }
  const seqs = [...new Set(read.checkpoints.map((c) => c.seq))];
  const rows = await prisma.$queryRaw<{ seq: bigint; hash: string; entryId: bigint }[]>`
    SELECT seq, hash, entry_id AS "entryId" FROM audit_seals WHERE seq = ANY(${seqs.map(BigInt)}::bigint[])`;
  const bySeq = new Map(rows.map((r) => [r.seq.toString(), r]));
  const mismatches = read.checkpoints
    .filter((c) => bySeq.has(c.seq) && (bySeq.get(c.seq)!.hash !== c.hash || bySeq.get(c.seq)!.entryId.toString() !== c.entryId))
    .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  const first = mismatches[0];
  if (first) {
    const row = bySeq.get(first.seq)!;
    findings.push({
      kind: 'rebuilt',
      seq: first.seq,
      message: `chain rebuilt: position ${first.seq} is entry ${row.entryId} with hash ${row.hash}, but the checkpoint of ${first.at} says entry ${first.entryId} with hash ${first.hash}`,
    });
  }
  return findings;
}
