// Command-line flags of `npm start` (scripts/start.ts), parsed and checked before anything starts.

export type ProcessRole = 'all' | 'web' | 'worker';
export type StartArgs = { e2e: boolean; seed: boolean; role: ProcessRole };

const USAGE = 'Usage: npm start -- [--seed] [--e2e] [--role web|worker]';

/**
 * `--role web` or `--role worker` runs one process type alone, for deployments with several web
 * nodes and workers (docs/deployment.md). Those processes must share one database, so a role needs
 * DATABASE_URL: the embedded demo database belongs to a single `npm start` and is not shared.
 */
export function parseStartArgs(argv: string[], env: Record<string, string | undefined>): StartArgs {
  const args: StartArgs = { e2e: false, seed: false, role: 'all' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--e2e') args.e2e = true;
    else if (arg === '--seed') args.seed = true;
    else if (arg === '--role' || arg.startsWith('--role=')) {
      const value = arg === '--role' ? argv[++i] : arg.slice('--role='.length);
      if (value !== 'web' && value !== 'worker') throw new Error(`--role must be web or worker (got ${value ?? 'nothing'}).\n${USAGE}`);
      args.role = value;
    } else throw new Error(`Unknown option ${arg}.\n${USAGE}`);
  }
  if (args.role !== 'all' && !env.DATABASE_URL && !args.e2e) {
    throw new Error(
      `--role ${args.role} runs one process type against a database shared with the other processes, so it needs DATABASE_URL ` +
        '(a PostgreSQL every web node and worker can reach). Without DATABASE_URL, `npm start` runs both in demo mode on its own embedded database.',
    );
  }
  return args;
}
