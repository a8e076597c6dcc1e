// Claim-next latency through the real claimNextCase (lib/queue/claim-next-case.ts), as the console's
// "Next case" calls it. Each moderator claims, decides the case (takeAction dismiss, untimed: in real
// life a decision follows every claim), and claims again.
import { randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '../../../lib/auth/roles';
import { summarise } from './percentiles';

type Claimer = { id: string; email: string; name: string };

export type ClaimRun = ReturnType<typeof summarise> & { seconds: number; emptyQueue: number };

export async function measureClaims(
  claimers: Claimer[],
  options: { perModerator: number; concurrency: number; thinkMs?: number },
): Promise<ClaimRun> {
  const { claimNextCase } = await import('../../../lib/queue/claim-next-case');
  const { takeAction } = await import('../../../lib/cases/take-action');
  const moderators: StaffPrincipal[] = claimers
    .slice(0, options.concurrency)
    .map((m) => ({ ...m, role: 'moderator', sessionId: randomUUID() }));
  const latencies: number[] = [];
  let emptyQueue = 0;

  const run = async (actor: StaffPrincipal, rounds: number, record: boolean) => {
    for (let i = 0; i < rounds; i++) {
      // Think time (uniform, mean `thinkMs`) desynchronises the moderators as real reviewing would.
      if (options.thinkMs) await new Promise((r) => setTimeout(r, Math.random() * 2 * options.thinkMs!));
      const t0 = performance.now();
      const claimed = await claimNextCase({ actor });
      const elapsed = performance.now() - t0;
      if (!claimed) {
        emptyQueue++;
        return;
      }
      if (record) latencies.push(elapsed);
      await takeAction({ caseId: claimed.caseId, actor, expectedVersion: claimed.version, input: { type: 'dismiss', reasonCode: 'no_violation' } });
    }
  };

  // Warm-up (JIT, connections, plans): some claims one at a time, then a few from everyone at once.
  await run(moderators[0]!, 20, false);
  await Promise.all(moderators.map((m) => run(m, 3, false)));
  const started = performance.now();
  await Promise.all(moderators.map((m) => run(m, options.perModerator, true)));
  return { ...summarise(latencies), seconds: (performance.now() - started) / 1000, emptyQueue };
}
