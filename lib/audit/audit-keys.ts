import { createHmac } from 'node:crypto';

/**
 * The keys that make the audit log tamper-evident against its own database: one for each entry's
 * MAC (written by the application with the entry) and one for the seal chain (written by the
 * sealer). Both derive from AUDIT_MAC_KEY, or from TC_SECRET_KEY when that is unset, with a label
 * each, so neither is ever stored in, or sent to, the database.
 */
export type AuditKeys = { entry: Buffer; seal: Buffer };

const cache = new Map<string, AuditKeys>();

export function deriveAuditKeys(rootSecret: string): AuditKeys {
  let keys = cache.get(rootSecret);
  if (!keys) {
    const derive = (label: string) => createHmac('sha256', rootSecret).update(`triage-console/${label}`).digest();
    keys = { entry: derive('audit-entry-mac/v1'), seal: derive('audit-seal-chain/v1') };
    cache.set(rootSecret, keys);
  }
  return keys;
}

/** The audit keys of this deployment, from the environment the app runs with. */
export function auditKeysFrom(config: { AUDIT_MAC_KEY?: string | undefined; TC_SECRET_KEY: string }): AuditKeys {
  return deriveAuditKeys(config.AUDIT_MAC_KEY ?? config.TC_SECRET_KEY);
}
