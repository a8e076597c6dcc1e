/**
 * How a recipient checks a packet without our code, printed in summary.html and summary.pdf. The
 * exact commands (openssl, sha256sum) are in docs/referral-packets.md; this says what to check.
 */
export const PACKET_CHECK_HEADING = 'How to check this packet';

export const PACKET_CHECK_STEPS: readonly string[] = [
  'manifest.json lists every file in this packet (this summary included) with its SHA-256 hash and size.',
  'manifest.sig is an Ed25519 signature over the exact bytes of manifest.json. manifest.json names the signature algorithm and the ID of the signing key, which is the SHA-256 fingerprint of its public key.',
  "The sending organisation's Triage Console serves its public signing keys, current and earlier, each with its ID, at /.well-known/triage-console/referral-signing-key. Take the key whose ID manifest.json names and check that its SHA-256 fingerprint is that ID.",
  'Verify manifest.sig over manifest.json with that public key (for example with openssl), then check that the SHA-256 of every file equals the hash manifest.json gives for it. If any check fails, do not rely on the packet and contact the sender.',
  "docs/referral-packets.md in Triage Console's source code shows the commands step by step.",
];
