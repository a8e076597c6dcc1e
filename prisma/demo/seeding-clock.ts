import { install } from '@sinonjs/fake-timers';

/**
 * The demo seed's clock: while installed, `new Date()` and `Date.now()` in THIS process read a time
 * the seed sets, so the app's own verbs (which take the time from `new Date()`, as do Prisma's
 * `@default(now())` values, computed by the client) record a history that happened over the last
 * 14 days. Only Date is faked: timers, the event loop and the database's own clock are untouched
 * (no SQL path the seed reaches reads the database clock: intake and the claim take the time as a
 * parameter). Used by prisma/seed.ts only; no production code path knows about it.
 */
export type SeedingClock = { set(at: Date): void; now(): Date; uninstall(): void };

export function installSeedingClock(start: Date): SeedingClock {
  const clock = install({ now: start, toFake: ['Date'] });
  return {
    set: (at) => clock.setSystemTime(at),
    now: () => new Date(clock.now),
    uninstall: () => clock.uninstall(),
  };
}
