// npm run build — the production bundle: Next.js, then the intake fast path beside it
// (scripts/lib/build-intake-handler.ts). npm start and the benchmarks build the same way when needed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildIntakeHandler } from './lib/build-intake-handler';
import { markBuildFresh, sourceFingerprint } from './lib/build-freshness';

const root = path.resolve(import.meta.dirname, '..');
const fingerprint = sourceFingerprint(root);
const next = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit' });
if (next.status !== 0) process.exit(next.status ?? 1);
console.log(`Intake fast path: ${path.relative(root, await buildIntakeHandler(root, process.env))}`);
markBuildFresh(root, fingerprint);
