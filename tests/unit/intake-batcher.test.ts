import { describe, expect, it } from 'vitest';
import { createIntakeBatcher, type IntakeBatcherOptions } from '@/lib/reports/intake-batcher';
import type { AcceptedRow, IntakeParams } from '@/lib/reports/intake-sql';

// The batcher's scheduling only: the database side (tc_accept_reports) is exercised by
// tests/integration/intake-batches.test.ts against real Postgres.
const params = (reference: string) => ({ reference }) as IntakeParams;
const rowFor = (p: IntakeParams): AcceptedRow => ({ case_id: `case-${p.reference}`, new_case: true, retry_after_ms: 0 });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

function recordingBatcher(overrides: Partial<IntakeBatcherOptions> = {}) {
  const calls: string[][] = [];
  const gate = deferred();
  const batcher = createIntakeBatcher({
    maxInFlight: 1,
    maxBatch: 3,
    rolledBack: () => true,
    acceptOne: async (p) => {
      calls.push([p.reference]);
      await gate.promise;
      return rowFor(p);
    },
    acceptMany: async (batch) => {
      calls.push(batch.map((p) => p.reference));
      return batch.map(rowFor);
    },
    ...overrides,
  });
  return { batcher, calls, gate };
}

describe('intake group commit', () => {
  it('writes a report alone and at once when nothing else is in flight', async () => {
    const { batcher, calls, gate } = recordingBatcher();
    const accepted = batcher.accept(params('a'));
    expect(calls).toEqual([['a']]);
    gate.release();
    expect(await accepted).toEqual(rowFor(params('a')));
  });

  it('groups the reports that arrive while a write is in flight, up to the batch size, each getting its own row', async () => {
    const { batcher, calls, gate } = recordingBatcher();
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((r) => batcher.accept(params(r)));
    expect(calls).toEqual([['a']]);
    gate.release();
    const rows = await Promise.all(all);
    expect(calls).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    expect(rows.map((r) => r.case_id)).toEqual(['case-a', 'case-b', 'case-c', 'case-d', 'case-e', 'case-f']);
  });

  it('retries each report of a refused batch alone, so one bad report fails only itself', async () => {
    const single: string[] = [];
    const { batcher, gate } = recordingBatcher({
      acceptMany: async () => {
        throw new Error('23505 in element 2');
      },
      acceptOne: async (p) => {
        single.push(p.reference);
        await gate.promise;
        if (p.reference === 'bad') throw new Error('duplicate');
        return rowFor(p);
      },
    });
    const first = batcher.accept(params('first'));
    const rest = ['x', 'bad', 'y'].map((r) => batcher.accept(params(r)));
    gate.release();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(single.sort()).toEqual(['bad', 'first', 'x', 'y']);
  });

  it('does not retry a batch whose outcome is unknown: every report of it gets the error', async () => {
    const single: string[] = [];
    const { batcher, gate } = recordingBatcher({
      rolledBack: () => false,
      acceptMany: async () => {
        throw new Error('connection lost');
      },
      acceptOne: async (p) => {
        single.push(p.reference);
        await gate.promise;
        return rowFor(p);
      },
    });
    const first = batcher.accept(params('first'));
    const rest = ['x', 'y'].map((r) => batcher.accept(params(r)));
    gate.release();
    await first;
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(single).toEqual(['first']);
  });
});
