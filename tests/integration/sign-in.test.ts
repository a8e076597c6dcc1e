import { describe, expect, it } from 'vitest';
import { ACCOUNT_FREE_FAILURES, AUDIT_WINDOW_MS, FIRST_DELAY_MS, SOURCE_FREE_FAILURES } from '@/lib/auth/throttle-rules';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { keyedHash, sourceHashOf } from '@/lib/security/client-source';
import { after, createSignInStaff, minutes, totpCodeAt } from '../factories/staff';

const prisma = getPrisma();
let lastOctet = 0;
/** A fresh source address per call, so one test's failures never throttle another's source. */
const newIp = () => `198.51.${Math.floor(++lastOctet / 250)}.${(lastOctet % 250) + 1}`;
const entriesFor = (staffId: string) =>
  prisma.auditEntry.findMany({ where: { entityType: 'staff', entityId: staffId }, orderBy: { id: 'asc' } });

describe('sign-in', () => {
  it('signs in with the right password: a session row, counters cleared, staff.signed_in audited', async () => {
    const ip = newIp();
    const staff = await createSignInStaff();
    await prisma.staff.update({ where: { id: staff.id }, data: { failedAttempts: 3 } });
    const now = new Date();
    const result = await signInWithPassword({ email: ` ${staff.email.toUpperCase()} `, password: staff.password }, { now, sourceIp: ip });
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
    const ip = newIp();
    const staff = await createSignInStaff();
    const wrong = await signInWithPassword({ email: staff.email, password: 'not the password at all' }, { sourceIp: ip });
    const unknownEmail = `nobody-${staff.id.slice(0, 6)}@test.triage`;
    const unknown = await signInWithPassword({ email: unknownEmail, password: 'not the password at all' }, { sourceIp: ip });
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

  it('slows an account with growing delays after 5 failures, refusing even the right password from a new address meanwhile', async () => {
    const staff = await createSignInStaff();
    const start = new Date('2030-01-01T09:00:00Z');
    // One address per attempt: the per-source throttle never starts, so only the account's counts.
    for (let i = 1; i <= ACCOUNT_FREE_FAILURES; i++) {
      const result = await signInWithPassword({ email: staff.email, password: `wrong password ${i}` }, { now: after(start, i * 1000), sourceIp: newIp() });
      expect(result).toEqual({ status: 'refused' });
    }
    const lockedAt = after(start, ACCOUNT_FREE_FAILURES * 1000);
    const locked = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(locked.lockedUntil).toEqual(after(lockedAt, FIRST_DELAY_MS));

    const lockEntries = (await entriesFor(staff.id)).filter((e) => e.event === 'staff.locked_out');
    expect(lockEntries).toHaveLength(1);
    expect(lockEntries[0]?.payload).toEqual({ staffId: staff.id, lockedUntil: after(lockedAt, FIRST_DELAY_MS).toISOString(), afterAttempts: 5 });

    // Locked: the right password from an address never used by the owner is refused, recorded as such, not counted.
    const duringLock = after(lockedAt, FIRST_DELAY_MS - 1000);
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { now: duringLock, sourceIp: newIp() })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'locked', failedAttempts: 5 });
    expect(await prisma.staffSession.count({ where: { staffId: staff.id } })).toBe(0);

    // The next failure after the delay doubles it.
    const afterDelay = after(lockedAt, FIRST_DELAY_MS);
    await signInWithPassword({ email: staff.email, password: 'wrong again' }, { now: afterDelay, sourceIp: newIp() });
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).lockedUntil).toEqual(after(afterDelay, 2 * FIRST_DELAY_MS));

    // When the delay has run out: in, and the count is cleared.
    const result = await signInWithPassword({ email: staff.email, password: staff.password }, { now: after(afterDelay, 2 * FIRST_DELAY_MS), sourceIp: newIp() });
    expect(result.status).toBe('signed_in');
    expect(await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('cannot be used against staff: failures from 10 addresses do not keep the owner out at their own address (password and code)', async () => {
    const staff = await createSignInStaff({ role: 'supervisor', totp: true });
    const home = newIp();
    const start = new Date();
    const first = await signInWithPassword(
      { email: staff.email, password: staff.password, code: await totpCodeAt(staff.totpSecret!, start) },
      { now: start, sourceIp: home },
    );
    expect(first.status).toBe('signed_in');

    const attack = after(start, 60_000);
    for (let i = 0; i < 10; i++) {
      await signInWithPassword({ email: staff.email, password: `guess ${i}` }, { now: after(attack, i), sourceIp: newIp() });
    }
    const row = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(attack.getTime() + 20_000);

    // From a new address: refused. From the owner's own address, with password and a fresh code: in.
    const later = after(attack, 20_000);
    const code = await totpCodeAt(staff.totpSecret!, later);
    expect(await signInWithPassword({ email: staff.email, password: staff.password, code }, { now: later, sourceIp: newIp() })).toEqual({ status: 'refused' });
    const own = await signInWithPassword({ email: staff.email, password: staff.password, code }, { now: later, sourceIp: home });
    expect(own.status).toBe('signed_in');
    // The own address still needs the second factor and the right password.
    const withoutCode = await signInWithPassword({ email: staff.email, password: staff.password }, { now: later, sourceIp: home });
    expect(withoutCode).toEqual({ status: 'code_required' });
  });

  it('throttles a source address after 10 failures: further attempts are refused unchecked, even with a right password', async () => {
    const staff = await createSignInStaff();
    const ip = newIp();
    const start = new Date('2030-03-01T09:00:00Z');
    for (let i = 0; i < SOURCE_FREE_FAILURES; i++) {
      await signInWithPassword({ email: `nobody-${i}@test.triage`, password: 'guess' }, { now: after(start, i * 1000), sourceIp: ip });
    }
    const blocked = after(start, SOURCE_FREE_FAILURES * 1000);
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { now: blocked, sourceIp: ip })).toEqual({ status: 'refused' });
    // Another address is not affected, and neither is the account.
    expect((await signInWithPassword({ email: staff.email, password: staff.password }, { now: blocked, sourceIp: newIp() })).status).toBe('signed_in');
    // After the delay the source may try again.
    const later = after(blocked, FIRST_DELAY_MS);
    expect((await signInWithPassword({ email: staff.email, password: staff.password }, { now: later, sourceIp: ip })).status).toBe('signed_in');
  });

  it('audits unknown e-mails in aggregate: one entry per source per 15-minute window, carrying the count', async () => {
    const ip = newIp();
    const sourceHash = sourceHashOf(getConfig().TC_SECRET_KEY, ip);
    const start = new Date('2030-04-01T09:00:00Z');
    const attempts = 25;
    for (let i = 0; i < attempts; i++) {
      // Spread out so the source delay never refuses them: every one is checked and counted.
      await signInWithPassword({ email: `ghost-${i}@test.triage`, password: 'guess' }, { now: after(start, i * 20_000), sourceIp: ip });
    }
    const entries = await prisma.auditEntry.findMany({ where: { event: 'staff.sign_in_failed', payload: { path: ['sourceHash'], equals: sourceHash } }, orderBy: { id: 'asc' } });
    // 25 attempts over 8 minutes: one window, one entry.
    expect(entries).toHaveLength(1);
    expect(entries[0]?.payload).toMatchObject({ staffId: null, reason: 'unknown_email', unrecordedBefore: 0 });
    // The next window's first attempt writes the next entry with the count of those not recorded.
    await signInWithPassword({ email: 'ghost-late@test.triage', password: 'guess' }, { now: after(start, AUDIT_WINDOW_MS + 60_000), sourceIp: ip });
    const all = await prisma.auditEntry.findMany({ where: { event: 'staff.sign_in_failed', payload: { path: ['sourceHash'], equals: sourceHash } }, orderBy: { id: 'asc' } });
    expect(all).toHaveLength(2);
    expect(all[1]?.payload).toMatchObject({ unrecordedBefore: attempts - 1 });
  });

  it('counts concurrent failures exactly (row lock)', async () => {
    const ip = newIp();
    const staff = await createSignInStaff();
    await Promise.all(Array.from({ length: 6 }, (_, i) => signInWithPassword({ email: staff.email, password: `wrong ${i}` }, { sourceIp: ip })));
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).failedAttempts).toBe(6);
  });

  it('refuses a disabled account even with the right password', async () => {
    const ip = newIp();
    const staff = await createSignInStaff();
    await prisma.staff.update({ where: { id: staff.id }, data: { disabledAt: new Date() } });
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { sourceIp: ip })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'disabled' });
  });

  it('asks an enrolled staff member for a code, refuses a wrong one (counted), accepts a right one', async () => {
    const ip = newIp();
    const staff = await createSignInStaff({ role: 'supervisor', totp: true });
    const now = new Date();
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, { now, sourceIp: ip })).toEqual({ status: 'code_required' });
    // A wrong password never reveals that a code would be needed.
    expect(await signInWithPassword({ email: staff.email, password: 'wrong password here' }, { now, sourceIp: ip })).toEqual({ status: 'refused' });

    const good = await totpCodeAt(staff.totpSecret!, now);
    const bad = good === '000000' ? '111111' : '000000';
    expect(await signInWithPassword({ email: staff.email, password: staff.password, code: bad }, { now, sourceIp: ip })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'wrong_code', failedAttempts: 2 });

    const stale = await totpCodeAt(staff.totpSecret!, after(now, -minutes(2)));
    if (stale !== good) {
      expect(await signInWithPassword({ email: staff.email, password: staff.password, code: stale }, { now, sourceIp: ip })).toEqual({ status: 'refused' });
    }
    const result = await signInWithPassword({ email: staff.email, password: staff.password, code: good }, { now, sourceIp: ip });
    expect(result.status).toBe('signed_in');
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ secondFactor: true });
  });

  it('accepts a code once: replaying it, or an older one, within its window is refused and audited', async () => {
    const ip = newIp();
    const staff = await createSignInStaff({ role: 'supervisor', totp: true });
    const now = new Date();
    const code = await totpCodeAt(staff.totpSecret!, now);
    expect((await signInWithPassword({ email: staff.email, password: staff.password, code }, { now, sourceIp: ip })).status).toBe('signed_in');

    const later = after(now, 10_000);
    expect(await signInWithPassword({ email: staff.email, password: staff.password, code }, { now: later, sourceIp: ip })).toEqual({ status: 'refused' });
    expect((await entriesFor(staff.id)).at(-1)?.payload).toMatchObject({ reason: 'code_reused' });
    const previous = await totpCodeAt(staff.totpSecret!, after(now, -30_000));
    if (previous !== code) {
      expect(await signInWithPassword({ email: staff.email, password: staff.password, code: previous }, { now: later, sourceIp: ip })).toEqual({ status: 'refused' });
    }

    const next = await totpCodeAt(staff.totpSecret!, after(now, 30_000));
    expect((await signInWithPassword({ email: staff.email, password: staff.password, code: next }, { now: after(now, 30_000), sourceIp: ip })).status).toBe('signed_in');
  });

  it('lets only one of two simultaneous sign-ins with the same code in', async () => {
    const ip = newIp();
    const staff = await createSignInStaff({ role: 'admin', totp: true });
    const now = new Date();
    const code = await totpCodeAt(staff.totpSecret!, now);
    const results = await Promise.all([1, 2].map(() => signInWithPassword({ email: staff.email, password: staff.password, code }, { now, sourceIp: ip })));
    expect(results.map((r) => r.status).sort()).toEqual(['refused', 'signed_in']);
  });
});
