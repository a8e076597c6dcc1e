import { describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '@/lib/auth/lockout';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { keyedHash } from '@/lib/security/client-source';
import { after, createSignInStaff, minutes, totpCodeAt } from '../factories/staff';

const prisma = getPrisma();
const entriesFor = (staffId: string) =>
  prisma.auditEntry.findMany({ where: { entityType: 'staff', entityId: staffId }, orderBy: { id: 'asc' } });

describe('sign-in', () => {
  it('signs in with the right password: a session row, counters cleared, staff.signed_in audited', async () => {
    const staff = await createSignInStaff();
    await prisma.staff.update({ where: { id: staff.id }, data: { failedAttempts: 3 } });
    const now = new Date();
    const result = await signInWithPassword({ email: ` ${staff.email.toUpperCase()} `, password: staff.password }, { now });
    expect(result.status).toBe('signed_in');
    if (result.status !== 'signed_in') return;
    expect(result.staffId).toBe(staff.id);

    const session = await prisma.staffSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ staffId: staff.id, createdAt: now, lastSeenAt: now, revokedAt: null });
    expect(session.expiresAt).toEqual(after(now, 8 * 60 * 60_000));
    const row = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now });

    const [entry] = await entriesFor(staff.id);
    expect(entry).toMatchObject({ event: 'staff.signed_in', actorType: 'staff', actorId: staff.id });
    expect(entry?.payload).toEqual({ staffId: staff.id, sessionId: result.sessionId, secondFactor: false });
  });

  it('refuses a wrong password and an unknown e-mail alike, counting and auditing without secrets', async () => {
    const staff = await createSignInStaff();
    const wrong = await signInWithPassword({ email: staff.email, password: 'not the password at all' });
    const unknownEmail = `nobody-${staff.id.slice(0, 6)}@test.triage`;
    const unknown = await signInWithPassword({ email: unknownEmail, password: 'not the password at all' });
    expect(wrong).toEqual({ status: 'refused' });
    expect(unknown).toEqual({ status: 'refused' });
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).failedAttempts).toBe(1);

    const [failure] = await entriesFor(staff.id);
    const secret = getConfig().TC_SECRET_KEY;
    expect(failure).toMatchObject({ event: 'staff.sign_in_failed', actorType: 'public' });
    expect(failure?.payload).toEqual({
      staffId: staff.id,
      emailHash: keyedHash(secret, 'sign-in-email', staff.email),
      reason: 'wrong_password',
      failedAttempts: 1,
    });
    const unknownEntry = await prisma.auditEntry.findFirstOrThrow({
      where: { event: 'staff.sign_in_failed', payload: { path: ['emailHash'], equals: keyedHash(secret, 'sign-in-email', unknownEmail) } },
    });
    expect(unknownEntry.payload).toMatchObject({ staffId: null, reason: 'unknown_email' });

    const everything = JSON.stringify(await prisma.auditEntry.findMany({ select: { payload: true } }));
    expect(everything).not.toContain('not the password at all');
    expect(everything).not.toContain(unknownEmail);
  });

  it('locks after 10 failures for 15 minutes, refuses even the right password meanwhile, then lets it in', async () => {
    const staff = await createSignInStaff();
    const start = new Date('2030-01-01T09:00:00Z');
    for (let i = 1; i <= MAX_FAILED_ATTEMPTS; i++) {
      expect(await signInWithPassword({ email: staff.email, password: `wrong password ${i}` }, { now: after(start, i * 1000) })).toEqual({
        status: 'refused',
      });
    }
    const lockedAt = after(start, MAX_FAILED_ATTEMPTS * 1000);
    const locked = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(locked.lockedUntil).toEqual(after(lockedAt, LOCKOUT_MS));

    const lockEntries = (await entriesFor(staff.id)).filter((e) => e.event === 'staff.locked_out');
    expect(lockEntries).toHaveLength(1);
    expect(lockEntries[0]?.payload).toEqual({ staffId: staff.id, lockedUntil: after(lockedAt, LOCKOUT_MS).toISOString(), afterAttempts: 10 });

    // Locked: the right password is refused the same way, and the attempt is recorded as such.
    const duringLock = after(lockedAt, minutes(14));
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { now: duringLock })).toEqual({ status: 'refused' });
    const last = (await entriesFor(staff.id)).at(-1);
    expect(last?.payload).toMatchObject({ reason: 'locked' });
    expect((await prisma.staffSession.count({ where: { staffId: staff.id } }))).toBe(0);

    // Fifteen minutes after the lock: in.
    const result = await signInWithPassword({ email: staff.email, password: staff.password }, { now: after(lockedAt, LOCKOUT_MS) });
    expect(result.status).toBe('signed_in');
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('counts concurrent failures exactly (row lock)', async () => {
    const staff = await createSignInStaff();
    await Promise.all(Array.from({ length: 6 }, (_, i) => signInWithPassword({ email: staff.email, password: `wrong ${i}` })));
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).failedAttempts).toBe(6);
  });

  it('refuses a disabled account even with the right password', async () => {
    const staff = await createSignInStaff();
    await prisma.staff.update({ where: { id: staff.id }, data: { disabledAt: new Date() } });
    expect(await signInWithPassword({ email: staff.email, password: staff.password })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'disabled' });
  });

  it('asks an enrolled staff member for a code, refuses a wrong one (counted), accepts a right one', async () => {
    const staff = await createSignInStaff({ role: 'supervisor', totp: true });
    const now = new Date();
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { now })).toEqual({ status: 'code_required' });
    // A wrong password never reveals that a code would be needed.
    expect(await signInWithPassword({ email: staff.email, password: 'wrong password here' }, { now })).toEqual({ status: 'refused' });

    const good = await totpCodeAt(staff.totpSecret!, now);
    const bad = good === '000000' ? '111111' : '000000';
    expect(await signInWithPassword({ email: staff.email, password: staff.password, code: bad }, { now })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'wrong_code', failedAttempts: 2 });

    const stale = await totpCodeAt(staff.totpSecret!, after(now, -minutes(2)));
    if (stale !== good) {
      expect(await signInWithPassword({ email: staff.email, password: staff.password, code: stale }, { now })).toEqual({ status: 'refused' });
    }
    const result = await signInWithPassword({ email: staff.email, password: staff.password, code: good }, { now });
    expect(result.status).toBe('signed_in');
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ secondFactor: true });
  });

  it('accepts a code once: replaying it, or an older one, within its window is refused and audited', async () => {
    const staff = await createSignInStaff({ role: 'supervisor', totp: true });
    const now = new Date();
    const code = await totpCodeAt(staff.totpSecret!, now);
    expect((await signInWithPassword({ email: staff.email, password: staff.password, code }, { now })).status).toBe('signed_in');

    const later = after(now, 10_000);
    expect(await signInWithPassword({ email: staff.email, password: staff.password, code }, { now: later })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'code_reused' });
    const previous = await totpCodeAt(staff.totpSecret!, after(now, -30_000));
    if (previous !== code) {
      expect(await signInWithPassword({ email: staff.email, password: staff.password, code: previous }, { now: later })).toEqual({ status: 'refused' });
    }

    const next = await totpCodeAt(staff.totpSecret!, after(now, 30_000));
    expect((await signInWithPassword({ email: staff.email, password: staff.password, code: next }, { now: after(now, 30_000) })).status).toBe('signed_in');
  });

  it('lets only one of two simultaneous sign-ins with the same code in', async () => {
    const staff = await createSignInStaff({ role: 'admin', totp: true });
    const now = new Date();
    const code = await totpCodeAt(staff.totpSecret!, now);
    const results = await Promise.all([1, 2].map(() => signInWithPassword({ email: staff.email, password: staff.password, code }, { now })));
    expect(results.map((r) => r.status).sort()).toEqual(['refused', 'signed_in']);
  });
});
