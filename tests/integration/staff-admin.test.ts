import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSession } from '@/lib/auth/resolve-session';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getPrisma } from '@/lib/db';
import { changeOwnPassword } from '@/lib/staff/change-own-password';
import { changeStaffRole } from '@/lib/staff/change-staff-role';
import { createStaff } from '@/lib/staff/create-staff';
import { disableStaff } from '@/lib/staff/disable-staff';
import { enableStaff } from '@/lib/staff/enable-staff';
import { listStaff } from '@/lib/staff/list-staff';
import { verifyPassword } from '@/lib/staff/password';
import { createSignInStaff } from '../factories/staff';

const prisma = getPrisma();
const auditOf = (event: string, staffId: string) => prisma.auditEntry.findMany({ where: { event, entityId: staffId } });
const appError = (code: string) => expect.objectContaining({ name: 'AppError', code });

describe('staff administration', () => {
  it('creates a staff member who can sign in, audited with the admin as actor', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const created = await createStaff(
      { email: ' New.Person@Example.ORG ', name: 'New Person', role: 'moderator', password: 'a long initial password' },
      { actor: { type: 'staff', id: admin.id } },
    );
    expect(created).toMatchObject({ email: 'new.person@example.org', name: 'New Person', role: 'moderator' });
    const row = await prisma.staff.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, 'a long initial password')).toBe(true);

    const [entry] = await auditOf('staff.created', created.id);
    expect(entry).toMatchObject({ actorType: 'staff', actorId: admin.id });
    expect(entry?.payload).toEqual({ staffId: created.id, email: 'new.person@example.org', name: 'New Person', role: 'moderator' });
    expect(JSON.stringify(entry?.payload)).not.toContain('a long initial password');
    expect((await signInWithPassword({ email: 'new.person@example.org', password: 'a long initial password' })).status).toBe('signed_in');
  });

  it('refuses short passwords and duplicate e-mails, writing nothing', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const actor = { type: 'staff' as const, id: admin.id };
    await expect(createStaff({ email: 'short@example.org', name: 'S', role: 'moderator', password: 'elevenchars' }, { actor })).rejects.toThrow(
      /at least 12/,
    );
    await expect(
      createStaff({ email: admin.email.toUpperCase(), name: 'Dup', role: 'moderator', password: 'another long password' }, { actor }),
    ).rejects.toEqual(appError('conflict'));
    expect(await prisma.staff.count({ where: { email: 'short@example.org' } })).toBe(0);
  });

  it('disables (revoking sessions) and enables again, each audited', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const staff = await createSignInStaff();
    await signInWithPassword({ email: staff.email, password: staff.password });

    expect(await disableStaff({ staffId: staff.id }, { actor: admin })).toEqual({ revokedSessions: 1 });
    expect(await prisma.staffSession.count({ where: { staffId: staff.id, revokedAt: null } })).toBe(0);
    expect((await signInWithPassword({ email: staff.email, password: staff.password })).status).toBe('refused');
    await expect(disableStaff({ staffId: staff.id }, { actor: admin })).rejects.toEqual(appError('conflict'));

    await enableStaff({ staffId: staff.id }, { actor: admin });
    expect((await signInWithPassword({ email: staff.email, password: staff.password })).status).toBe('signed_in');

    expect((await auditOf('staff.disabled', staff.id)).map((e) => [e.actorId, e.payload])).toEqual([[admin.id, { staffId: staff.id, revokedSessions: 1 }]]);
    expect((await auditOf('staff.enabled', staff.id)).map((e) => [e.actorId, e.payload])).toEqual([[admin.id, { staffId: staff.id }]]);
  });

  it('changes roles with before and after in the audit entry', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const staff = await createSignInStaff();
    expect(await changeStaffRole({ staffId: staff.id, role: 'supervisor' }, { actor: admin })).toEqual({ before: 'moderator', after: 'supervisor' });
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe('supervisor');
    const [entry] = await auditOf('staff.role_changed', staff.id);
    expect(entry).toMatchObject({ actorId: admin.id, payload: { staffId: staff.id, before: 'moderator', after: 'supervisor' } });
    await expect(changeStaffRole({ staffId: staff.id, role: 'supervisor' }, { actor: admin })).rejects.toEqual(appError('conflict'));
  });

  it('never lets an admin disable or demote themself', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    await expect(disableStaff({ staffId: admin.id }, { actor: admin })).rejects.toEqual(appError('forbidden'));
    await expect(changeStaffRole({ staffId: admin.id, role: 'supervisor' }, { actor: admin })).rejects.toEqual(appError('forbidden'));
    const row = await prisma.staff.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row).toMatchObject({ role: 'admin', disabledAt: null });
    expect(await prisma.auditEntry.count({ where: { entityId: admin.id, event: { in: ['staff.disabled', 'staff.role_changed'] } } })).toBe(0);
  });

  it('lists staff as DTOs with their state and no secrets', async () => {
    const staff = await createSignInStaff({ totp: true });
    await prisma.staff.update({ where: { id: staff.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    const item = (await listStaff()).find((s) => s.id === staff.id);
    expect(item).toEqual({
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: 'moderator',
      twoFactorEnabled: true,
      locked: true,
      disabled: false,
      lastSignInAt: null,
    });
  });
});

describe('npm run staff:create', () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  function run(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        path.join(root, 'node_modules', '.bin', 'tsx'),
        ['--conditions=react-server', path.join(root, 'scripts', 'staff-create.ts'), ...args],
        { cwd: root, env: { ...process.env }, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.stdin.end(stdin);
      child.on('exit', (code) => resolve({ code, out }));
    });
  }

  it('creates an admin from a piped password, audited as the CLI', async () => {
    const { code, out } = await run(['--email', 'First.Admin@Example.org', '--role', 'admin', '--name', 'First Admin'], 'a very long admin password\n');
    expect(out).toContain('Created admin first.admin@example.org');
    expect(code).toBe(0);
    const row = await prisma.staff.findUniqueOrThrow({ where: { email: 'first.admin@example.org' } });
    expect(row).toMatchObject({ role: 'admin', name: 'First Admin' });
    expect(await verifyPassword(row.passwordHash, 'a very long admin password')).toBe(true);
    const [entry] = await auditOf('staff.created', row.id);
    expect(entry).toMatchObject({ actorType: 'system', actorId: 'cli' });
  }, 60_000);

  it('refuses a short password and an unknown role', async () => {
    const short = await run(['--email', 'short@example.org', '--role', 'admin'], 'short\n');
    expect(short.code).not.toBe(0);
    expect(short.out).toMatch(/at least 12/);
    const badRole = await run(['--email', 'role@example.org', '--role', 'owner'], 'a very long admin password\n');
    expect(badRole.code).not.toBe(0);
    expect(await prisma.staff.count({ where: { email: { in: ['short@example.org', 'role@example.org'] } } })).toBe(0);
  }, 60_000);
});

describe('first sign-in of an account an admin created', () => {
  it('holds the console until its owner chooses a password, which is audited; other sessions end', async () => {
    const admin = await createSignInStaff({ role: 'admin' });
    const created = await createStaff(
      { email: `first-${admin.id.slice(0, 6)}@example.org`, name: 'First Sign-in', role: 'moderator', password: 'the password the admin chose' },
      { actor: { type: 'staff', id: admin.id } },
    );
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);
    const signIn = async (password: string) => {
      const result = await signInWithPassword({ email: created.email, password });
      if (result.status !== 'signed_in') throw new Error(`sign-in: ${result.status}`);
      return { staffId: created.id, sessionId: result.sessionId };
    };
    const first = await signIn('the password the admin chose');
    const other = await signIn('the password the admin chose');
    const session = await resolveSession(first, { demo: false });
    expect(session?.passwordChangeRequired).toBe(true);

    await expect(
      changeOwnPassword({ currentPassword: 'not it', newPassword: 'my very own password' }, { staffId: created.id, sessionId: first.sessionId }),
    ).rejects.toEqual(appError('invalid_input'));
    await expect(
      changeOwnPassword({ currentPassword: 'the password the admin chose', newPassword: 'the password the admin chose' }, { staffId: created.id, sessionId: first.sessionId }),
    ).rejects.toThrow();
    await changeOwnPassword({ currentPassword: 'the password the admin chose', newPassword: 'my very own password' }, { staffId: created.id, sessionId: first.sessionId });

    expect((await resolveSession(first, { demo: false }))?.passwordChangeRequired).toBe(false);
    expect(await resolveSession(other, { demo: false })).toBeNull();
    const [entry] = await auditOf('staff.password_changed', created.id);
    expect(entry).toMatchObject({ actorType: 'staff', actorId: created.id });
    expect(entry?.payload).toEqual({ staffId: created.id, required: true });
    expect(JSON.stringify(entry?.payload)).not.toContain('my very own password');
    expect((await signInWithPassword({ email: created.email, password: 'the password the admin chose' })).status).toBe('refused');
    expect((await signInWithPassword({ email: created.email, password: 'my very own password' })).status).toBe('signed_in');
  });

  it('does not ask the operator’s CLI-created first admin to change it', async () => {
    const created = await createStaff(
      { email: `cli-${Date.now()}@example.org`, name: 'CLI Admin', role: 'admin', password: 'a long initial password' },
      { actor: { type: 'system', id: 'cli' } },
    );
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(false);
  });
});
