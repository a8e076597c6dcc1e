import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { roleAtLeast, type StaffPrincipal, type StaffRole } from '@/lib/auth/roles';

/**
 * The authorisation matrix's view of the app: every entry point a request can reach (pages, route
 * handler methods, exports of 'use server' files), found on disk, and the outcome of calling one.
 * Used by tests/integration/authorisation-matrix.test.ts.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** next-auth's own handler: sign-in itself, not a protected route. */
const NOT_ENTRY_POINTS = new Set(['app/api/auth/[...nextauth]/route.ts']);
const USE_SERVER_FILE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/;
const USE_SERVER_ANYWHERE = /^\s*['"]use server['"];?\s*$/m;

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = `${dir}/${d.name}`;
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'generated' ? [] : walk(rel);
    return /\.(ts|tsx)$/.test(d.name) ? [rel] : [];
  });
}

export type EntryKind = 'page' | 'route' | 'action';
export type DiscoveredEntry = { key: string; kind: EntryKind; file: string; name: string };

/** Keys look like `page app/x/page.tsx`, `GET app/api/x/route.ts`, `action app/x/actions.ts#doIt`. */
export async function discoverEntryPoints(): Promise<{ entries: DiscoveredEntry[]; inlineServerActions: string[] }> {
  const files = [...walk('app'), ...walk('lib'), ...walk('components')].filter((f) => !NOT_ENTRY_POINTS.has(f)).sort();
  const entries: DiscoveredEntry[] = [];
  const inlineServerActions: string[] = [];
  for (const file of files) {
    const base = path.basename(file);
    if (file.startsWith('app/') && base === 'page.tsx') entries.push({ key: `page ${file}`, kind: 'page', file, name: 'default' });
    if (file.startsWith('app/') && base === 'route.ts') {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
      for (const method of HTTP_METHODS) {
        if (typeof mod[method] === 'function') entries.push({ key: `${method} ${file}`, kind: 'route', file, name: method });
      }
    }
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    if (USE_SERVER_FILE.test(source)) {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
      for (const name of Object.keys(mod).sort()) entries.push({ key: `action ${file}#${name}`, kind: 'action', file, name });
    } else if (USE_SERVER_ANYWHERE.test(source)) {
      // A 'use server' directive inside a function body is an endpoint the matrix cannot name.
      inlineServerActions.push(file);
    }
  }
  return { entries, inlineServerActions };
}

export type Principal = 'anonymous' | StaffRole;
export const PRINCIPALS: Principal[] = ['anonymous', 'moderator', 'supervisor', 'admin'];

/**
 * Who may use an entry point: everyone, any session at or above a role, or only a platform's API
 * key (no staff session grants access).
 */
export type Access = 'public' | 'api-key' | StaffRole;

/** What calling an entry point amounted to, in one vocabulary for pages, handlers and actions. */
export type Outcome = 'unauthorised' | 'forbidden' | 'allowed' | `unexpected: ${string}`;

export function expectedOutcome(access: Access, who: Principal): Outcome {
  if (access === 'public') return 'allowed';
  if (who === 'anonymous' || access === 'api-key') return 'unauthorised';
  return roleAtLeast(who, access) ? 'allowed' : 'forbidden';
}

function digestOf(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' ? digest : null;
}

/** The target of a redirect() error (NEXT_REDIRECT;<type>;<url>;<status>;), or null. */
function redirectTarget(error: unknown): URL | null {
  const digest = digestOf(error);
  if (!digest?.startsWith('NEXT_REDIRECT;')) return null;
  return new URL(digest.split(';').slice(2, -2).join(';'), 'http://console.test');
}

/** A page: rendered or sent elsewhere = allowed; to /sign-in = unauthorised; forbidden() = 403. */
export async function pageOutcome(render: () => unknown): Promise<Outcome> {
  try {
    await render();
    return 'allowed';
  } catch (error) {
    const target = redirectTarget(error);
    if (target) return target.pathname === '/sign-in' ? 'unauthorised' : 'allowed';
    const digest = digestOf(error);
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return 'forbidden';
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'unexpected: notFound() (the test passes real ids)';
    return `unexpected: threw ${digest ?? String(error)}`;
  }
}

/** A route handler: 401 / 403 by status; a 5xx is a failure, not access. */
export async function routeOutcome(respond: () => Promise<Response>): Promise<Outcome> {
  const response = await respond();
  if (response.status === 401) return 'unauthorised';
  if (response.status === 403) return 'forbidden';
  if (response.status >= 500) return `unexpected: status ${response.status} ${await response.text()}`;
  return 'allowed';
}

/**
 * A server action: an ActionResult's error code, or, for form actions that redirect back with
 * `?error=<message>`, the guards' messages ("Sign in to continue", "This needs the … role").
 */
export async function actionOutcome(call: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    const target = redirectTarget(error);
    if (!target) return `unexpected: threw ${digestOf(error) ?? String(error)}`;
    const message = target.searchParams.get('error');
    if (message === null) return 'allowed';
    if (/^Sign in to continue/.test(message)) return 'unauthorised';
    if (/^This needs the \w+ role/.test(message)) return 'forbidden';
    return 'allowed';
  }
  const code = (result as { ok?: boolean; error?: { code?: string } } | undefined)?.error?.code;
  if (code === 'unauthorised' || code === 'forbidden') return code;
  if (code === 'internal_error') return `unexpected: internal_error ${JSON.stringify(result)}`;
  return 'allowed';
}

export type Principals = Record<StaffRole, StaffPrincipal>;
