// `npm start` serves a production build. It rebuilds only when the sources changed since the last
// build: a fingerprint of the paths, sizes and modification times of everything Next compiles.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { INTAKE_HANDLER_FILE } from './build-intake-handler';

const INPUTS = ['app', 'components', 'lib', 'public', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];
const SKIP = new Set(['node_modules', 'generated']);

function walk(root: string, rel: string, hash: ReturnType<typeof createHash>): void {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isDirectory()) {
    for (const name of readdirSync(full).sort()) if (!SKIP.has(name)) walk(root, path.join(rel, name), hash);
  } else {
    hash.update(`${rel}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
}

export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) walk(root, input, hash);
  return hash.digest('hex');
}

/** The build folder, as next.config.js chooses it. */
export const distDir = (root: string) => path.join(root, process.env.NEXT_DIST_DIR || '.next');
const stampFile = (root: string) => path.join(distDir(root), 'tc-source-fingerprint');

export function buildIsFresh(root: string): boolean {
  const stamp = stampFile(root);
  return (
    existsSync(path.join(distDir(root), 'BUILD_ID')) &&
    existsSync(path.join(distDir(root), INTAKE_HANDLER_FILE)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === sourceFingerprint(root)
  );
}

export function markBuildFresh(root: string, fingerprint: string): void {
  writeFileSync(stampFile(root), fingerprint);
}
