import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The Ed25519 key that signs packet manifests. It lives in a file outside the repo and the database
 * (REFERRAL_SIGNING_KEY_PATH, default .data/referral-signing-key.pem, mode 0600) and is created the
 * first time it is needed. Back it up: recipients verify packets with its public half.
 *
 * `npm run packet:rotate-key` replaces it; the public halves of earlier keys stay in a sibling
 * directory (`referral-signing-key.retired/<key ID>.pem`), so packets signed before a rotation keep
 * verifying and the well-known route keeps serving them. Packets name their key by key ID.
 */
export const SIGNATURE_ALGORITHM = 'Ed25519';

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicPem: string; keyId: string };
export type PublicKeyEntry = { keyId: string; publicKey: KeyObject; publicPem: string; status: 'current' | 'retired'; retiredAt: string | null };

/**
 * A key's ID: the SHA-256 of its DER-encoded SubjectPublicKeyInfo, in lower-case hex. Anyone can
 * compute it from the PEM: `openssl pkey -pubin -in key.pem -outform DER | sha256sum`.
 */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function resolveKeyPath(setting: string, root: string = process.cwd()): string {
  return path.resolve(root, setting);
}

/** Where the public halves of retired keys are kept: next to the key file. */
export function retiredKeysDir(keyFile: string): string {
  return path.join(path.dirname(keyFile), `${path.basename(keyFile, '.pem')}.retired`);
}

// Cached per file, and reloaded when the file changes (a rotation renames a new key into place),
// so a running server signs with the new key without a restart.
const loaded = new Map<string, { stamp: string; key: Promise<SigningKey> }>();

async function fileStamp(file: string): Promise<string | null> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function getSigningKey(file: string): Promise<SigningKey> {
  const stamp = await fileStamp(file);
  const cached = loaded.get(file);
  if (cached && stamp !== null && cached.stamp === stamp) return cached.key;
  const key = loadOrCreate(file);
  key.catch(() => loaded.delete(file));
  loaded.set(file, { stamp: stamp ?? '', key });
  return key;
}

async function loadOrCreate(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx': if another process created it meanwhile, keep theirs.
      await writeFile(file, newPrivatePem(), { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
    }
    pem = await readFile(file, 'utf8');
  }
  return signingKeyFromPem(pem, file);
}

const newPrivatePem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function signingKeyFromPem(pem: string, file: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicPemOf(publicKey), keyId: keyIdOf(publicKey) };
}

const publicPemOf = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

/**
 * Makes a new signing key. The current key's public half is kept first (retired, with the time),
 * then the new private key replaces the old one in one rename; the old private key is gone.
 */
export async function rotateSigningKey(file: string, now: Date = new Date()): Promise<{ retired: string | null; current: string }> {
  let retired: string | null = null;
  if ((await fileStamp(file)) !== null) {
    const old = signingKeyFromPem(await readFile(file, 'utf8'), file);
    const dir = retiredKeysDir(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Text before the PEM block is ignored by OpenSSL and Node; it says what the file is.
    await writeFile(path.join(dir, `${old.keyId}.pem`), `Key-ID: ${old.keyId}\nRetired: ${now.toISOString()}\n${old.publicPem}`, { mode: 0o644 });
    retired = old.keyId;
  } else {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  }
  const fresh = `${file}.new`;
  await rm(fresh, { force: true });
  await writeFile(fresh, newPrivatePem(), { mode: 0o600, flag: 'wx' });
  await rename(fresh, file);
  return { retired, current: (await getSigningKey(file)).keyId };
}

/**
 * Every public key packets may be signed with: the current one (created when `create` and missing)
 * and the retired ones, newest retirement first. Unreadable files in the retired directory are skipped.
 */
export async function readPublicKeyring(file: string, { create = true }: { create?: boolean } = {}): Promise<PublicKeyEntry[]> {
  const keys: PublicKeyEntry[] = [];
  if (create || (await fileStamp(file)) !== null) {
    const current = await getSigningKey(file);
    keys.push({ keyId: current.keyId, publicKey: current.publicKey, publicPem: current.publicPem, status: 'current', retiredAt: null });
  }
  const dir = retiredKeysDir(file);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const retired: PublicKeyEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.pem')).sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    let publicKey: KeyObject;
    try {
      publicKey = publicKeyFromPem(text);
    } catch {
      continue;
    }
    const keyId = keyIdOf(publicKey);
    if (publicKey.asymmetricKeyType !== 'ed25519' || [...keys, ...retired].some((k) => k.keyId === keyId)) continue;
    const retiredAt = /^Retired: (\S+)$/m.exec(text)?.[1] ?? null;
    retired.push({ keyId, publicKey, publicPem: publicPemOf(publicKey), status: 'retired', retiredAt });
  }
  retired.sort((a, b) => (b.retiredAt ?? '').localeCompare(a.retiredAt ?? ''));
  return [...keys, ...retired];
}

/** A public key from a PEM file holding either half (for the verifier). */
export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}
