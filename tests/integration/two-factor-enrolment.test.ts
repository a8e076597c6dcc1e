import { describe, expect, it } from 'vitest';
import { confirmTotpEnrolment, pendingTotpEnrolment } from '@/lib/auth/enrol-totp';
import { resolveSession } from '@/lib/auth/resolve-session';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getPrisma } from '@/lib/db';
import { createSignInStaff, totpCodeAt } from '../factories/staff';

const prisma = getPrisma();

describe('two-factor enrolment', () => {
  it('keeps one sealed pending secret, enables it with a right code, and then requires codes', async () => {
    const staff = await createSignInStaff({ role: 'admin' });
    const signedIn = await signInWithPassword({ email: staff.email, password: staff.password });
    if (signedIn.status !== 'signed_in') throw new Error('sign-in failed');
    const claims = { staffId: staff.id, sessionId: signedIn.sessionId };
    expect((await resolveSession(claims, { demo: false }))?.enrolmentRequired).toBe(true);

    const first = await pendingTotpEnrolment(staff.id);
    const again = await pendingTotpEnrolment(staff.id);
    if (first.status !== 'pending' || again.status !== 'pending') throw new Error('expected a pending enrolment');
    expect(again.secret).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\//);
    const stored = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(stored.totpSecret).not.toContain(first.secret); // sealed at rest
    expect(stored.totpEnabledAt).toBeNull();

    const now = new Date();
    const good = await totpCodeAt(first.secret, now);
    await expect(confirmTotpEnrolment({ staffId: staff.id, code: good === '123456' ? '654321' : '123456' }, { now })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).totpEnabledAt).toBeNull();

    await confirmTotpEnrolment({ staffId: staff.id, code: good }, { now });
    expect(await pendingTotpEnrolment(staff.id)).toEqual({ status: 'enrolled' });
    expect((await resolveSession(claims, { demo: false }))?.enrolmentRequired).toBe(false);
    const entries = await prisma.auditEntry.findMany({ where: { event: 'staff.two_factor_enrolled', entityId: staff.id } });
    expect(entries.map((e) => e.payload)).toEqual([{ staffId: staff.id }]);

    await expect(confirmTotpEnrolment({ staffId: staff.id, code: good }, { now })).rejects.toMatchObject({ code: 'conflict' });
    expect(await signInWithPassword({ email: staff.email, password: staff.password })).toEqual({ status: 'code_required' });
  });
});
