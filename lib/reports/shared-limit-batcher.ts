/** What the shared store says about one key after a statement: its points in the window and the time left. */
export type WindowState = { points: number; msBeforeNext: number };

export type TakeResult = { allowed: boolean; points: number; msBeforeNext: number };

type Waiting = { key: string; limit: number; resolve: (result: TakeResult) => void; reject: (error: unknown) => void };

export type SharedLimitBatcherOptions = {
  /** Adds `count` points to each key in one statement (keys sorted, so concurrent statements lock rows in one order). */
  take: (counts: ReadonlyArray<readonly [key: string, count: number]>) => Promise<Map<string, WindowState>>;
  /** Statements in flight at once; points asked for meanwhile go together in the next one. */
  maxInFlight: number;
};

/**
 * Group commit for the shared rate-limit counters, like the intake batcher: a point asked for while
 * fewer than `maxInFlight` statements run is taken at once; under load the points that arrive
 * meanwhile are taken together, one row update per key, so the shared limit costs intake a round
 * trip per group rather than per report. The n callers of one key in a group get the last n points
 * taken, in arrival order, so exactly as many are allowed as the limit leaves.
 */
export function createSharedLimitBatcher(options: SharedLimitBatcherOptions) {
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function write(batch: Waiting[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const w of batch) counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
    let states: Map<string, WindowState>;
    try {
      states = await options.take([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    const handedOut = new Map<string, number>();
    for (const w of batch) {
      const state = states.get(w.key);
      if (!state) {
        w.reject(new Error(`The shared rate-limit store returned no row for ${w.key}`));
        continue;
      }
      const before = handedOut.get(w.key) ?? 0;
      handedOut.set(w.key, before + 1);
      const points = state.points - (counts.get(w.key) ?? 1) + before + 1;
      w.resolve({ allowed: points <= w.limit, points, msBeforeNext: state.msBeforeNext });
    }
  }

  function pump(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      inFlight++;
      void write(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    /** Takes one point of `key`, whose window allows `limit`. */
    take(key: string, limit: number): Promise<TakeResult> {
      return new Promise((resolve, reject) => {
        queue.push({ key, limit, resolve, reject });
        pump();
      });
    },
  };
}
