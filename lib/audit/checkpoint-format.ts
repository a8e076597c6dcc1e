import { sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * A signed checkpoint of the audit chain, kept outside the database (a directory, optionally a
 * webhook): "at `at`, chain position `seq` was entry `entryId` with hash `hash`". Ed25519 over the
 * JCS of the fields with a domain label, so the signature cannot be mistaken for a packet's.
 */
export const ZCheckpoint = z.object({
  version: z.literal(1),
  seq: z.string().regex(/^\d+$/),
  entryId: z.string().regex(/^\d+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  keyedFromSeq: z.string().regex(/^\d+$/),
  at: z.iso.datetime(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof ZCheckpoint>;
export type CheckpointBody = Omit<Checkpoint, 'signature'>;

const LABEL = 'triage-console audit checkpoint v1\n';

function signedBytes(body: CheckpointBody): Buffer {
  const { version, seq, entryId, hash, keyedFromSeq, at } = body;
  return Buffer.from(LABEL + canonicalize({ version, seq, entryId, hash, keyedFromSeq, at }));
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): Checkpoint {
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

export function checkpointSignatureIsValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** One line of a checkpoint file, or why it cannot be trusted. */
export function parseCheckpointLine(line: string, publicKey: KeyObject): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const checkpoint = ZCheckpoint.safeParse(parsed);
  if (!checkpoint.success) return { ok: false, reason: 'not a checkpoint' };
  if (!checkpointSignatureIsValid(checkpoint.data, publicKey)) return { ok: false, reason: 'bad signature' };
  return { ok: true, checkpoint: checkpoint.data };
}
