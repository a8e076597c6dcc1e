import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { recordConfigurationChange } from '@/lib/config/record-config-change';
import { getPrisma } from '@/lib/db';

const prisma = getPrisma();

describe('configuration changes are audited', () => {
  it('records the first configuration, nothing when unchanged, and exactly the changed keys after', async () => {
    const config = parseConfig(process.env);
    expect(await recordConfigurationChange(prisma, config)).toBeGreaterThan(5);
    expect(await recordConfigurationChange(prisma, config)).toBe(0);

    const changed = parseConfig({ ...process.env, SLA_HIGH_MINUTES: '120', TC_SECRET_KEY: 'rotated-secret-key-0123456789-abcdef' });
    expect(await recordConfigurationChange(prisma, changed)).toBe(2);

    const entries = await prisma.auditEntry.findMany({ where: { event: 'config.changed' }, orderBy: { id: 'asc' } });
    expect(entries).toHaveLength(2);
    const last = entries[1]!.payload as { changes: { key: string; from: unknown; to: unknown }[] };
    expect(last.changes.map((c) => c.key)).toEqual(['SLA_HIGH_MINUTES', 'TC_SECRET_KEY']);
    expect(last.changes[0]).toMatchObject({ from: 240, to: 120 });
    // Secrets appear as fingerprints only; the database password never appears.
    const serialised = JSON.stringify(entries.map((e) => e.payload));
    expect(serialised).not.toContain('rotated-secret-key');
    expect(serialised).not.toContain(process.env.TC_SECRET_KEY!);
    expect(serialised).toMatch(/sha256:[0-9a-f]{12}/);
  });
});
