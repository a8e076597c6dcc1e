/**
 * npm run packet:verify -- packet.zip [--key public-key.pem]
 *
 * Checks a referral packet: the Ed25519 signature over manifest.json, the SHA-256 and size of every
 * file, that no unlisted file is present, that no file is an image, video or archive, and that the
 * ZIP is exactly as written. The key defaults to REFERRAL_SIGNING_KEY_PATH (either half works); a
 * recipient passes the public key from /.well-known/triage-console/referral-signing-key.
 * Exit codes: 0 valid, 1 invalid (reason printed), 2 usage or unreadable input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { publicKeyFromPem } from '../lib/referrals/signing-key';
import { verifyPacket } from '../lib/referrals/verify-packet';

function main(argv: string[]): number {
  const keyAt = argv.indexOf('--key');
  const keyFile = keyAt >= 0 ? argv[keyAt + 1] : (process.env.REFERRAL_SIGNING_KEY_PATH || '.data/referral-signing-key.pem');
  const files = argv.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1));
  if (files.length !== 1 || !keyFile) {
    console.error('Usage: npm run packet:verify -- <packet.zip> [--key <public-key.pem>]');
    return 2;
  }
  let key;
  let zip;
  try {
    key = publicKeyFromPem(readFileSync(path.resolve(keyFile), 'utf8'));
  } catch (error) {
    console.error(`Cannot read the signing key ${keyFile}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  try {
    zip = new Uint8Array(readFileSync(path.resolve(files[0]!)));
  } catch (error) {
    console.error(`Cannot read ${files[0]}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  const result = verifyPacket(zip, key);
  if (!result.ok) {
    console.error(`INVALID: ${result.reason}`);
    return 1;
  }
  const m = result.manifest;
  console.log(`VALID: packet ${m.packetId} v${m.version} for ${m.hotline}, case ${m.caseNumber}; ${m.files.length} files; created ${m.createdAt} by ${m.createdBy.name}, approved by ${m.approvedBy.name}; sha256 ${result.sha256}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
