import { createHash } from 'node:crypto';
import type { AppConfig } from './schema';

export type ConfigValue = string | number | boolean | null;
export type ConfigSnapshot = Record<string, ConfigValue>;
export type ConfigChange = { key: string; from: ConfigValue; to: ConfigValue };

const SECRET_KEYS = new Set(['TC_SECRET_KEY', 'NEXTAUTH_SECRET', 'PLATFORM_WEBHOOK_SECRET', 'NCMEC_API_PASSWORD', 'AUDIT_MAC_KEY']);

/**
 * The configuration as it may be written to the audit log: secrets become a short fingerprint (so a
 * rotation shows without revealing anything), and the database password is removed from its URL.
 */
export function configSnapshot(config: AppConfig): ConfigSnapshot {
  const snapshot: ConfigSnapshot = {};
  for (const [key, value] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === undefined) snapshot[key] = null;
    else if (SECRET_KEYS.has(key)) snapshot[key] = `sha256:${createHash('sha256').update(String(value)).digest('hex').slice(0, 12)}`;
    else if (key.startsWith('DATABASE_') && key.endsWith('_URL')) snapshot[key] = withoutPassword(String(value));
    else snapshot[key] = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
  return snapshot;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable)';
  }
}

/** Keys whose values differ, including keys added or removed. */
export function diffSnapshots(before: ConfigSnapshot | null, after: ConfigSnapshot): ConfigChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changes: ConfigChange[] = [];
  for (const key of [...keys].sort()) {
    const from = before?.[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) changes.push({ key, from, to });
  }
  return changes;
}
