import { spawn, type SpawnOptions } from 'node:child_process';

// The supervisor's building block: a child process that is started again when it dies unexpectedly,
// with a growing pause, and stopped cleanly on request. Used by scripts/start.ts for the web server,
// the worker and (through startSupervisedPostgres) the embedded Postgres.

/** Pause before restart n (1-based): 0.5 s, 1 s, 2 s, … capped at 30 s. */
export function restartDelayMs(consecutiveFailures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, consecutiveFailures - 1));
}

/** A run this long counts as healthy: the next crash starts the backoff again from the shortest pause. */
const STABLE_AFTER_MS = 60_000;

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface Running {
  pid: number | undefined;
  exited: Promise<Exit>;
  /** Asks the process to stop and resolves once it has (implementations bound the wait). */
  stop(): Promise<void>;
}

export interface SupervisedOptions {
  /** Shown in every log line, e.g. "web server". */
  name: string;
  /** Starts one run of the process; throws if it cannot start (retried with the same backoff). */
  launch: () => Promise<Running>;
  log?: (line: string) => void;
}

/**
 * Keeps one process running: started with start(), restarted after any exit it was not asked for
 * (crash, kill -9, OOM), with the restart count and reason logged; stop() ends it for good.
 */
export class Supervised {
  private current: Running | undefined;
  private stopping = false;
  private failures = 0;
  private restarts = 0;
  private timer: NodeJS.Timeout | undefined;
  private launching: Promise<void> | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SupervisedOptions) {
    this.log = options.log ?? ((line) => console.error(line));
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** First start: a failure here is the caller's to report (nothing to keep running yet). */
  async start(): Promise<void> {
    this.current = await this.options.launch();
    this.log(`[supervisor] ${this.options.name} running (PID ${this.current.pid})`);
    this.watch(this.current, Date.now());
  }

  private watch(run: Running, startedAt: number) {
    void run.exited.then((exit) => {
      if (this.stopping || this.current !== run) return;
      this.current = undefined;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) this.failures = 0;
      const reason = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
      this.scheduleRestart(`${this.options.name} (PID ${run.pid}) stopped unexpectedly (${reason})`);
    });
  }

  private scheduleRestart(why: string) {
    this.failures++;
    const delay = restartDelayMs(this.failures);
    this.log(`[supervisor] ${why}; restart ${this.restarts + 1} in ${(delay / 1000).toFixed(1)} s`);
    this.timer = setTimeout(() => {
      this.launching = this.restart().finally(() => (this.launching = undefined));
    }, delay);
  }

  private async restart() {
    if (this.stopping) return;
    this.restarts++;
    try {
      const run = await this.options.launch();
      if (this.stopping) return void (await run.stop());
      this.current = run;
      this.log(`[supervisor] ${this.options.name} restarted (PID ${run.pid}, restart ${this.restarts})`);
      this.watch(run, Date.now());
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.scheduleRestart(`${this.options.name} could not start (${message})`);
    }
  }

  /** Stops for good: no more restarts; resolves once the process has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.launching; // a restart under way stops what it started itself
    const run = this.current;
    this.current = undefined;
    await run?.stop();
  }
}

/**
 * Spawns a child process as a Running. Its end is tracked by its 'exit' event: a child killed by a
 * signal has exitCode null (signalCode set), so exitCode alone cannot tell a dead child from a live
 * one, which once made Ctrl-C wait forever on a child that had died with kill -9.
 */
export function spawnRunning(command: string, args: string[], options: SpawnOptions, stopTimeoutMs = 10_000): Running & { child: ReturnType<typeof spawn> } {
  const child = spawn(command, args, options);
  let alive = true;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
    child.once('error', () => {
      alive = false;
      resolve({ code: null, signal: null });
    });
  });
  return {
    child,
    pid: child.pid,
    exited,
    async stop() {
      if (!alive) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
