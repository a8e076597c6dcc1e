import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../scripts/lib/data-dir-lock';

describe('lockDataDir', () => {
  it('works on a fresh clone, where the data directory does not exist yet, and releases its lock', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'tc-lock-')), '.data');
    const release = lockDataDir(dataDir);
    const lock = path.join(dataDir, 'supervisor.pid');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);
  });
});
