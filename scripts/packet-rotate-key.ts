/**
 * npm run packet:rotate-key
 *
 * Makes a new Ed25519 key for signing referral packets at REFERRAL_SIGNING_KEY_PATH (default
 * .data/referral-signing-key.pem). The old key's public half is kept beside it, in
 * referral-signing-key.retired/<key ID>.pem, so packets signed before keep verifying and
 * /.well-known/triage-console/referral-signing-key keeps serving it; the old private key is deleted.
 * A running server signs with the new key from its next export. Exit codes: 0 done, 2 failed.
 */
import path from 'node:path';
import { retiredKeysDir, rotateSigningKey } from '../lib/referrals/signing-key';

const file = path.resolve(process.env.REFERRAL_SIGNING_KEY_PATH || '.data/referral-signing-key.pem');
try {
  const { retired, current } = await rotateSigningKey(file);
  if (retired) console.log(`Retired key ${retired}; its public half is kept in ${retiredKeysDir(file)}.`);
  console.log(`New signing key ${current} at ${file}. Packets exported from now on are signed with it.`);
} catch (error) {
  console.error(`Could not rotate the signing key at ${file}: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
