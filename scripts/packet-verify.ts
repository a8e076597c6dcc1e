/**
 * npm run packet:verify -- packet.zip [--key keys.json | public-key.pem]
 *
 * Checks a referral packet: the Ed25519 signature over manifest.json by the key the manifest names
 * (by key ID), the SHA-256 and size of every file, that no unlisted file is present, that no file is
 * an image, video or archive or carries one as text (data: URI, base64 image), and that the ZIP is
 * exactly as written. Keys: by default this installation's keyring (REFERRAL_SIGNING_KEY_PATH and the
 * retired public keys beside it); a recipient passes what /.well-known/triage-console/referral-signing-key
 * serves (the JSON keyring, or a PEM with ?format=pem).
 * Exit codes: 0 valid, 1 invalid (reason printed), 2 usage or unreadable input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { publicKeysFromFile } from '../lib/referrals/public-keyring';
import { readPublicKeyring } from '../lib/referrals/signing-key';
import { verifyPacket } from '../lib/referrals/verify-packet';

async function main(argv: string[]): Promise<number> {
  const keyAt = argv.indexOf('--key');
  const keyFile = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const ownKeyFile = process.env.REFERRAL_SIGNING_KEY_PATH || '.data/referral-signing-key.pem';
  const files = argv.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1));
  if (files.length !== 1 || (keyAt >= 0 && !keyFile)) {
    console.error('Usage: npm run packet:verify -- <packet.zip> [--key <keys.json | public-key.pem>]');
    return 2;
  }
  let keys: KeyObject[];
  let zip;
  try {
    keys = keyFile
      ? publicKeysFromFile(readFileSync(path.resolve(keyFile), 'utf8'))
      : (await readPublicKeyring(path.resolve(ownKeyFile), { create: false })).map((k) => k.publicKey);
    if (!keys.length) throw new Error('no key found');
  } catch (error) {
    console.error(`Cannot read the signing keys ${keyFile ?? ownKeyFile}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  try {
    zip = new Uint8Array(readFileSync(path.resolve(files[0]!)));
  } catch (error) {
    console.error(`Cannot read ${files[0]}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  const result = verifyPacket(zip, keys);
  if (!result.ok) {
    console.error(`INVALID: ${result.reason}`);
    return 1;
  }
  const m = result.manifest;
  console.log(`VALID: packet ${m.packetId} v${m.version} for ${m.hotline}, case ${m.caseNumber}; ${m.files.length} files; created ${m.createdAt} by ${m.createdBy.name}, approved by ${m.approvedBy.name}; signed (${m.signature.algorithm}) by key ${m.signature.keyId}; sha256 ${result.sha256}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
