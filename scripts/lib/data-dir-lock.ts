// One `npm start` per data directory. A start killed with SIGKILL leaves its lock (and maybe its
// Postgres) behind; the next start finds the lock's process gone, takes over, and the embedded
// Postgres start stops the leftover postmaster (scripts/lib/embedded-postgres.ts, stopLeftover).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function isLiveSupervisor(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.ts');
  } catch {
    return true; // no /proc (macOS): a live PID is treated as a running start, to be safe
  }
}

/** Claims `dataDir` for this process, or throws naming the start that holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'supervisor.pid');
  let holder = NaN;
  try {
    holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    /* no lock yet */
  }
  if (Number.isInteger(holder) && isLiveSupervisor(holder)) {
    throw new Error(`Another npm start (PID ${holder}) is running on ${dataDir}; stop it first (Ctrl-C or kill ${holder}).`);
  }
  // A fresh clone has no .data/ yet: the lock is the first thing written there.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
}
