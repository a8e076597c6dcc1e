import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The Ed25519 key that signs packet manifests. It lives in a file outside the repo and the database
 * (REFERRAL_SIGNING_KEY_PATH, default .data/referral-signing-key.pem, mode 0600) and is created the
 * first time it is needed. Back it up: recipients verify packets with its public half.
 */
export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicPem: string };

const loaded = new Map<string, Promise<SigningKey>>();

export function resolveKeyPath(setting: string, root: string = process.cwd()): string {
  return path.resolve(root, setting);
}

export function getSigningKey(file: string): Promise<SigningKey> {
  let key = loaded.get(file);
  if (!key) {
    key = loadOrCreate(file);
    key.catch(() => loaded.delete(file));
    loaded.set(file, key);
  }
  return key;
}

async function loadOrCreate(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const fresh = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      // 'wx': if another process created it meanwhile, keep theirs.
      await writeFile(file, fresh, { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
    }
    pem = await readFile(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A public key from a PEM file holding either half (for the verifier). */
export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}
