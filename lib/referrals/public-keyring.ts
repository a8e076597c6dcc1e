import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { keyIdOf, publicKeyFromPem, SIGNATURE_ALGORITHM, type PublicKeyEntry } from './signing-key';

/**
 * The public keyring as JSON: what /.well-known/triage-console/referral-signing-key serves and what
 * `packet:verify --key` reads back. Every key that ever signed a packet, each with its key ID.
 */
export const KEY_ID_DEFINITION = 'SHA-256 of the DER-encoded SubjectPublicKeyInfo, lower-case hex (openssl pkey -pubin -in key.pem -outform DER | sha256sum)';

export const ZPublicKeyring = z.object({
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  keyIdIs: z.string(),
  currentKeyId: z.string().regex(/^[0-9a-f]{64}$/),
  keys: z
    .array(
      z.object({
        keyId: z.string().regex(/^[0-9a-f]{64}$/),
        algorithm: z.literal(SIGNATURE_ALGORITHM),
        status: z.enum(['current', 'retired']),
        retiredAt: z.string().nullable(),
        publicKeyPem: z.string(),
      }),
    )
    .min(1),
});
export type TPublicKeyring = z.infer<typeof ZPublicKeyring>;

export function publicKeyringDocument(keys: readonly PublicKeyEntry[]): TPublicKeyring {
  return {
    algorithm: SIGNATURE_ALGORITHM,
    keyIdIs: KEY_ID_DEFINITION,
    currentKeyId: keys.find((k) => k.status === 'current')?.keyId ?? keys[0]!.keyId,
    keys: keys.map((k) => ({ keyId: k.keyId, algorithm: SIGNATURE_ALGORITHM, status: k.status, retiredAt: k.retiredAt, publicKeyPem: k.publicPem })),
  };
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * Public keys from a file a verifier was given: the JSON keyring above, or PEM (one or more public
 * keys, or a private key). Each listed key ID is checked against its key.
 */
export function publicKeysFromFile(text: string): KeyObject[] {
  if (text.trimStart().startsWith('{')) {
    const ring = ZPublicKeyring.parse(JSON.parse(text));
    return ring.keys.map((k) => {
      const key = createPublicKey(k.publicKeyPem);
      if (keyIdOf(key) !== k.keyId) throw new Error(`the key listed as ${k.keyId} has key ID ${keyIdOf(key)}`);
      return key;
    });
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (!blocks.length) throw new Error('no PEM key and not a JSON keyring');
  return blocks.map((block) => publicKeyFromPem(block));
}
