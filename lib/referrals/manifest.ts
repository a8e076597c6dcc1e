import { z } from 'zod';

/**
 * manifest.json in every packet. The signature (manifest.sig: base64 of the 64-byte Ed25519 signature)
 * covers its exact bytes; `signature` names the algorithm and the signing key's ID (signing-key.ts).
 */
export const ZPacketManifest = z.strictObject({
  format: z.literal('triage-console-referral-packet'),
  formatVersion: z.literal(2),
  packetId: z.uuid(),
  referralId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  hotline: z.enum(['ncmec', 'uk_nca']),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  /** Who exported (downloaded) this packet. */
  createdBy: z.strictObject({ id: z.uuid(), name: z.string() }),
  /** Who prepared the referral version, and the different person who approved it. */
  preparedBy: z.strictObject({ id: z.uuid(), name: z.string() }),
  approvedBy: z.strictObject({ id: z.uuid(), name: z.string() }),
  /** The SHA-256 of the payload the approver reviewed; equal to the payload file's own SHA-256. */
  approvedPayloadHash: z.string().regex(/^[0-9a-f]{64}$/),
  files: z
    .array(
      z.strictObject({
        path: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/, 'file names are flat and lower-case'),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.number().int().nonnegative(),
        contentType: z.string(),
      }),
    )
    .min(1),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    keyId: z.string().regex(/^[0-9a-f]{64}$/),
    file: z.literal('manifest.sig'),
  }),
});
export type TPacketManifest = z.infer<typeof ZPacketManifest>;
/** The manifest before packPacket signs it and adds `signature`. */
export type UnsignedManifest = Omit<TPacketManifest, 'signature'>;

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

/** The manifest's bytes as written to the packet (and signed). */
export function manifestBytes(manifest: TPacketManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}
