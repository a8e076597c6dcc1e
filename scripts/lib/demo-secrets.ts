// Demo mode only: secrets are generated on first start and kept beside the embedded database, so
// sessions and keyed hashes stay valid across restarts. Production must set them explicitly.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['TC_SECRET_KEY', 'NEXTAUTH_SECRET'] as const;

export function loadOrCreateDemoSecrets(dataDir: string): Record<(typeof NAMES)[number], string> {
  const file = path.join(dataDir, 'secrets.json');
  const existing: Partial<Record<string, string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = Object.fromEntries(NAMES.map((name) => [name, existing[name] ?? randomBytes(48).toString('base64url')]));
  if (NAMES.some((name) => !existing[name])) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets as Record<(typeof NAMES)[number], string>;
}
