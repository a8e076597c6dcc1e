import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { manifestBytes, MANIFEST_FILE, SIGNATURE_FILE, type TPacketManifest, type UnsignedManifest } from './manifest';
import { keyIdOf, SIGNATURE_ALGORITHM } from './signing-key';

/** Every entry gets this timestamp so a packet's bytes depend only on its contents. */
const ENTRY_MTIME = new Date('2000-01-01T00:00:00Z');

export type PacketFile = { path: string; contentType: string; bytes: Uint8Array };

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The canonical ZIP encoding of a packet: entries stored (not compressed — the payloads are small
 * text and the verifier can then demand byte-for-byte canonical form), fixed timestamps, in the
 * given order. Used to write packets and, by the verifier, to detect any change to the container.
 */
export function encodeZip(entries: readonly { path: string; bytes: Uint8Array }[]): Uint8Array {
  const zippable: Zippable = {};
  for (const e of entries) zippable[e.path] = [e.bytes, { level: 0, mtime: ENTRY_MTIME }];
  return zipSync(zippable, { level: 0, mtime: ENTRY_MTIME });
}

/** The file list for the manifest: SHA-256 and size of every payload file. */
export function describeFiles(files: readonly PacketFile[]): TPacketManifest['files'] {
  return files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), size: f.bytes.byteLength, contentType: f.contentType }));
}

/**
 * Names the key in the manifest, signs the manifest (Ed25519 over its exact bytes: manifest.json as
 * stored in the ZIP) and packs payloads, manifest.json and manifest.sig.
 */
export function packPacket(files: readonly PacketFile[], unsigned: UnsignedManifest, privateKey: KeyObject): { zip: Uint8Array; sha256: string; manifest: TPacketManifest } {
  const manifest: TPacketManifest = { ...unsigned, signature: { algorithm: SIGNATURE_ALGORITHM, keyId: keyIdOf(createPublicKey(privateKey)), file: SIGNATURE_FILE } };
  const mBytes = manifestBytes(manifest);
  const signature = sign(null, mBytes, privateKey);
  const sig = new TextEncoder().encode(`${signature.toString('base64')}\n`);
  const zip = encodeZip([...files.map((f) => ({ path: f.path, bytes: f.bytes })), { path: MANIFEST_FILE, bytes: mBytes }, { path: SIGNATURE_FILE, bytes: sig }]);
  return { zip, sha256: sha256Hex(zip), manifest };
}
