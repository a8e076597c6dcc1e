import { AppError } from '../../lib/errors';

/** Prints why nothing was done and exits 2 (the hash-list CLIs' "refused" code). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * Runs a hash-list CLI: an AppError (bad input, a refused file, no such list) exits 2 with its
 * message; anything else exits 1 with one line, not a stack.
 */
export function runHashListCli(main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      if (error instanceof AppError) fail(error.userMessage);
      throw error;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
