import { verify, type KeyObject } from 'node:crypto';
import { unzipSync } from 'fflate';
import { findEmbeddedMedia } from '../security/text-rules';
import { HOTLINE_REGISTRY } from './hotlines';
import { detectMedia } from './media-sniff';
import { MANIFEST_FILE, SIGNATURE_FILE, ZPacketManifest, type TPacketManifest } from './manifest';
import { encodeZip, sha256Hex } from './packet-zip';
import { keyIdOf } from './signing-key';

export const PACKET_MAX_BYTES = 512 * 1024 * 1024;

export type VerifyResult = { ok: true; manifest: TPacketManifest; sha256: string } | { ok: false; reason: string };

/**
 * Checks a referral packet: a readable ZIP in canonical form (so no byte of the container can change
 * unnoticed), a manifest that parses, an Ed25519 signature over its bytes by the key it names (picked
 * by key ID from `publicKeys`), the SHA-256 and size of every listed file, no file that is not
 * listed, no image, video or archive, and no media riding as text (a data: URI or base64 image).
 */
export function verifyPacket(zip: Uint8Array, publicKeys: KeyObject | readonly KeyObject[]): VerifyResult {
  if (zip.byteLength > PACKET_MAX_BYTES) return fail(`the file is larger than ${PACKET_MAX_BYTES} bytes`);
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        total += f.originalSize;
        if (total > PACKET_MAX_BYTES) throw new Error('the contents are larger than allowed');
        return true;
      },
    });
  } catch (error) {
    return fail(`not a readable ZIP file (${error instanceof Error ? error.message : String(error)})`);
  }
  const names = Object.keys(entries);
  const mBytes = entries[MANIFEST_FILE];
  const sig = entries[SIGNATURE_FILE];
  if (!mBytes) return fail(`${MANIFEST_FILE} is missing`);
  if (!sig) return fail(`${SIGNATURE_FILE} is missing`);

  const keyId = namedKeyId(mBytes);
  if (!keyId) return fail(`${MANIFEST_FILE} does not name its signing key (signature.keyId)`);
  const candidates = Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject];
  const publicKey = candidates.find((k) => keyIdOf(k) === keyId);
  if (!publicKey) return fail(`the packet was signed with key ${keyId}, which is not among the keys given (${candidates.map(keyIdOf).join(', ') || 'none'})`);
  const signature = Buffer.from(new TextDecoder().decode(sig).trim(), 'base64');
  if (signature.length !== 64 || !verify(null, mBytes, publicKey, signature)) {
    return fail(`the signature in ${SIGNATURE_FILE} does not match ${MANIFEST_FILE} and the signing key ${keyId}`);
  }
  let manifest: TPacketManifest;
  try {
    manifest = ZPacketManifest.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(mBytes)));
  } catch {
    return fail(`${MANIFEST_FILE} is not a valid packet manifest`);
  }

  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of names) {
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.has(name)) return fail(`${name} is in the packet but not in the manifest`);
  }
  for (const file of manifest.files) {
    const bytes = entries[file.path];
    if (!bytes) return fail(`${file.path} is listed in the manifest but missing`);
    if (bytes.byteLength !== file.size) return fail(`${file.path} is ${bytes.byteLength} bytes; the manifest says ${file.size}`);
    if (sha256Hex(bytes) !== file.sha256) return fail(`${file.path} does not match its SHA-256 in the manifest`);
  }
  for (const name of names) {
    const media = detectMedia(name, entries[name]!) ?? findEmbeddedMedia(asText(entries[name]!));
    if (media) return fail(`${name} is not allowed in a referral packet: ${media}`);
  }
  // The approval binds the payload: the payload file must be exactly the bytes whose hash was approved.
  const payload = manifest.files.find((f) => f.path === HOTLINE_REGISTRY[manifest.hotline].payloadFile);
  if (!payload) return fail(`${HOTLINE_REGISTRY[manifest.hotline].payloadFile} (the payload) is missing`);
  if (payload.sha256 !== manifest.approvedPayloadHash) return fail(`${payload.path} is not the payload that was approved (its SHA-256 differs from approvedPayloadHash)`);

  // Same entries, same order, canonical encoding: any other byte anywhere (headers, comments, padding) is a change.
  const canonical = encodeZip([...manifest.files.map((f) => ({ path: f.path, bytes: entries[f.path]! })), { path: MANIFEST_FILE, bytes: mBytes }, { path: SIGNATURE_FILE, bytes: sig }]);
  if (!sameBytes(canonical, zip)) return fail('the ZIP container differs from the packet as written (extra, reordered or altered bytes)');
  return { ok: true, manifest, sha256: sha256Hex(zip) };
}

/** The key ID the manifest names, read before the signature is checked (only to pick the key). */
function namedKeyId(mBytes: Uint8Array): string | null {
  try {
    const keyId: unknown = JSON.parse(new TextDecoder().decode(mBytes))?.signature?.keyId;
    return typeof keyId === 'string' && /^[0-9a-f]{64}$/.test(keyId) ? keyId : null;
  } catch {
    return null;
  }
}

/**
 * Every file read as text: Latin-1 keeps each byte, so an ASCII data: URI or base64 run is found in
 * UTF-8 text and in a PDF's uncompressed parts alike; HTML character references are decoded first.
 */
function asText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/&#x([0-9a-f]{1,6});|&#([0-9]{1,7});/gi, (ref, hex: string | undefined, dec: string | undefined) => {
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : ref;
    });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const fail = (reason: string): VerifyResult => ({ ok: false, reason });
