// `npm run staff:create -- --email a@b.org --role admin [--name "A. Person"]`
// Creates a staff member (audited as staff.created by the system actor 'cli'). The password is
// asked for on a terminal (hidden, twice) or read from standard input when piped:
//   printf '%s\n' "$PASSWORD" | npm run staff:create -- --email a@b.org --role admin
// There are no default passwords: this (or the admin page) is how the first admin gets in.
import { parseArgs } from 'node:util';
import { STAFF_ROLES, type StaffRole } from '../lib/auth/roles';
import { getPrisma } from '../lib/db';
import { AppError } from '../lib/errors';
import { createStaff } from '../lib/staff/create-staff';
import { PASSWORD_MIN_LENGTH } from '../lib/staff/password';
import { ZCreateStaffInput } from '../lib/staff/schema';

const USAGE = `Usage: npm run staff:create -- --email <address> --role <${STAFF_ROLES.join('|')}> [--name "<name>"]
The password is asked for (hidden) or read from standard input; at least ${PASSWORD_MIN_LENGTH} characters.`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('Cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // The first line is the password; a trailing newline (echo, printf '%s\n') is not part of it.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await promptHidden(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) fail('The passwords did not match; nothing was created.');
  return first;
}

async function main() {
  let values: { email?: string; role?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.email || !values.role) fail(USAGE);
  if (!STAFF_ROLES.includes(values.role as StaffRole)) fail(`--role must be one of: ${STAFF_ROLES.join(', ')}`);
  if (!process.env.DATABASE_URL) fail('Set DATABASE_URL to the console database first.');

  const password = await readPassword();
  const input = { email: values.email, name: values.name ?? values.email.split('@')[0] ?? values.email, role: values.role as StaffRole, password };
  const parsed = ZCreateStaffInput.safeParse(input);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));

  try {
    const created = await createStaff(parsed.data, { actor: { type: 'system', id: 'cli' } });
    console.log(`Created ${created.role} ${created.email} (${created.id}).`);
  } catch (error) {
    if (error instanceof AppError) fail(error.userMessage);
    throw error;
  } finally {
    await getPrisma().$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
