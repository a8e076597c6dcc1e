import { describe, expect, it } from 'vitest';
import { resolveSession } from '@/lib/auth/resolve-session';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { signOutSession } from '@/lib/auth/sign-out';
import { getPrisma } from '@/lib/db';
import { disableStaff } from '@/lib/staff/disable-staff';
import { after, createSignInStaff, minutes, totpCodeAt } from '../factories/staff';
import { NextAuthBrowser } from '../factories/next-auth';

const prisma = getPrisma();

async function signedIn(role: 'moderator' | 'supervisor' | 'admin' = 'moderator', now = new Date()) {
  const staff = await createSignInStaff({ role });
  const result = await signInWithPassword({ email: staff.email, password: staff.password }, { now });
  if (result.status !== 'signed_in') throw new Error(`sign-in failed: ${result.status}`);
  return { staff, claims: { staffId: staff.id, sessionId: result.sessionId } };
}

describe('server-side sessions', () => {
  it('stays valid while used, refreshing last_seen_at at most once a minute', async () => {
    const start = new Date('2030-02-01T08:00:00Z');
    const { staff, claims } = await signedIn('moderator', start);
    const seen = async () => (await prisma.staffSession.findUniqueOrThrow({ where: { id: claims.sessionId } })).lastSeenAt;

    const resolved = await resolveSession(claims, { now: after(start, 30_000), demo: false });
    expect(resolved?.staff).toEqual({ id: staff.id, email: staff.email, name: staff.name, role: 'moderator', sessionId: claims.sessionId });
    expect(await seen()).toEqual(start); // under a minute: no write

    await resolveSession(claims, { now: after(start, minutes(20)), demo: false });
    expect(await seen()).toEqual(after(start, minutes(20)));
    // Every 20 minutes for 7 hours: never idle, so still in.
    for (let t = 40; t <= 7 * 60; t += 20) {
      expect(await resolveSession(claims, { now: after(start, minutes(t)), demo: false })).not.toBeNull();
    }
  });

  it('ends after 30 idle minutes', async () => {
    const start = new Date('2030-02-01T08:00:00Z');
    const { claims } = await signedIn('moderator', start);
    expect(await resolveSession(claims, { now: after(start, minutes(29)), demo: false })).not.toBeNull();
    expect(await resolveSession(claims, { now: after(start, minutes(29) + minutes(30)), demo: false })).toBeNull();
  });

  it('ends 8 hours after sign-in however active', async () => {
    const start = new Date('2030-02-01T08:00:00Z');
    const { claims } = await signedIn('moderator', start);
    for (let t = 25; t < 8 * 60; t += 25) await resolveSession(claims, { now: after(start, minutes(t)), demo: false });
    expect(await resolveSession(claims, { now: after(start, minutes(8 * 60) - 1000), demo: false })).not.toBeNull();
    expect(await resolveSession(claims, { now: after(start, minutes(8 * 60)), demo: false })).toBeNull();
  });

  it('refuses a session presented with another staff member’s ID', async () => {
    const { claims } = await signedIn();
    const other = await createSignInStaff();
    expect(await resolveSession({ ...claims, staffId: other.id }, { demo: false })).toBeNull();
  });

  it('is revoked by sign-out, which is audited once', async () => {
    const { staff, claims } = await signedIn();
    expect(await signOutSession(claims)).toBe(true);
    expect(await signOutSession(claims)).toBe(false);
    expect(await resolveSession(claims, { demo: false })).toBeNull();
    const entries = await prisma.auditEntry.findMany({ where: { event: 'staff.signed_out', actorId: staff.id } });
    expect(entries.map((e) => e.payload)).toEqual([{ staffId: staff.id, sessionId: claims.sessionId }]);
  });

  it('is revoked, every one of them, when the account is disabled', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const { staff, claims } = await signedIn();
    const second = await signInWithPassword({ email: staff.email, password: staff.password });
    if (second.status !== 'signed_in') throw new Error('second sign-in failed');
    const result = await disableStaff({ staffId: staff.id }, { actor: admin });
    expect(result.revokedSessions).toBe(2);
    expect(await resolveSession(claims, { demo: false })).toBeNull();
    expect(await resolveSession({ staffId: staff.id, sessionId: second.sessionId }, { demo: false })).toBeNull();
  });

  it('reads the role afresh, and holds supervisors and admins at enrolment outside demo mode', async () => {
    const { claims } = await signedIn('supervisor');
    expect((await resolveSession(claims, { demo: false }))?.enrolmentRequired).toBe(true);
    expect((await resolveSession(claims, { demo: true }))?.enrolmentRequired).toBe(false);
    await prisma.staff.update({ where: { id: claims.staffId }, data: { role: 'moderator' } });
    const now = await resolveSession(claims, { demo: false });
    expect(now?.staff.role).toBe('moderator');
    expect(now?.enrolmentRequired).toBe(false);
  });
});

describe('next-auth wiring', () => {
  it('signs in through next-auth: an httpOnly, SameSite=Lax JWT cookie carrying staffId and sessionId', async () => {
    const staff = await createSignInStaff();
    const browser = new NextAuthBrowser(false);
    const result = await browser.signIn({ email: staff.email, password: staff.password });
    expect(result).toEqual({ ok: true, error: null });
    const cookie = [...browser.jar.keys()].find((k) => k.includes('session-token'));
    expect(cookie).toBe('next-auth.session-token');

    const session = await browser.session();
    expect(session.staffId).toBe(staff.id);
    expect(typeof session.sessionId).toBe('string');
    const row = await prisma.staffSession.findUniqueOrThrow({ where: { id: String(session.sessionId) } });
    expect(row.staffId).toBe(staff.id);
    expect(session).not.toHaveProperty('user');

    const { setCookies } = await browser.call('session');
    const sessionCookie = setCookies.find((c) => c.startsWith('next-auth.session-token='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i);

    await browser.signOut();
    expect((await prisma.staffSession.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    expect(await resolveSession({ staffId: staff.id, sessionId: row.id }, { demo: false })).toBeNull();
  });

  it('marks cookies Secure over https', async () => {
    const staff = await createSignInStaff();
    const browser = new NextAuthBrowser(true);
    expect((await browser.signIn({ email: staff.email, password: staff.password })).ok).toBe(true);
    const { setCookies } = await browser.call('session');
    const sessionCookie = setCookies.find((c) => c.startsWith('__Secure-next-auth.session-token='));
    expect(sessionCookie).toMatch(/; Secure/i);
    expect(sessionCookie).toMatch(/HttpOnly/i);
  });

  it('reports a wrong password as a plain failure and a missing code as code_required', async () => {
    const staff = await createSignInStaff({ role: 'admin', totp: true });
    const browser = new NextAuthBrowser();
    expect(await browser.signIn({ email: staff.email, password: 'definitely wrong' })).toEqual({ ok: false, error: 'CredentialsSignin' });
    expect(await browser.signIn({ email: staff.email, password: staff.password })).toEqual({ ok: false, error: 'code_required' });
    const code = await totpCodeAt(staff.totpSecret!, new Date());
    expect(await browser.signIn({ email: staff.email, password: staff.password, code })).toEqual({ ok: true, error: null });
    expect((await browser.session()).staffId).toBe(staff.id);
  });
});
