import { describe, expect, it } from 'vitest';
import { migrationDirName, migrationSlug, migrationTimestamp } from '@/prisma/tooling/migration-name';

describe('migration folder names', () => {
  it('uses a UTC timestamp like prisma migrate dev', () => {
    expect(migrationTimestamp(new Date('2025-03-04T05:06:07.890Z'))).toBe('20250304050607');
  });

  it('turns any name into a snake_case slug', () => {
    expect(migrationSlug('Add audit trigger')).toBe('add_audit_trigger');
    expect(migrationSlug('--cases/queue v2--')).toBe('cases_queue_v2');
  });

  it('refuses a name without letters or digits', () => {
    expect(() => migrationSlug(' -- ')).toThrow(/no letters or digits/);
  });

  it('joins both parts', () => {
    expect(migrationDirName('init', new Date('2025-01-01T00:00:00Z'))).toBe('20250101000000_init');
  });
});
