import type { AcceptedRow, IntakeParams } from './intake-sql';

export type IntakeBatcherOptions = {
  /** Accepts several reports in one transaction; returns one row per report, in input order. */
  acceptMany: (batch: IntakeParams[]) => Promise<AcceptedRow[]>;
  /** Accepts one report in its own transaction. */
  acceptOne: (params: IntakeParams) => Promise<AcceptedRow>;
  /** Whether a failed batch is known to have stored nothing (so each report can be retried alone). */
  rolledBack: (error: unknown) => boolean;
  /** Transactions in flight at once; more reports wait and go together in the next one. */
  maxInFlight: number;
  maxBatch: number;
};

type Waiting = { params: IntakeParams; resolve: (row: AcceptedRow) => void; reject: (error: unknown) => void };

/**
 * Group commit for intake. A report arriving while fewer than `maxInFlight` transactions are running
 * is written at once, alone, so a quiet system adds no delay. Under load the reports that arrive
 * meanwhile queue up and are written together in one transaction (tc_accept_reports): one round trip
 * and one commit for many reports, which is what lets a 2-core server accept reports faster than one
 * transaction per report allows. Every caller still waits for its own report's commit.
 *
 * A batch the database refuses (any element failing, a deadlock) stored nothing, so each of its reports
 * is retried alone and fails or succeeds on its own. A batch whose outcome is unknown (the connection
 * dropped) is not retried: its callers get the error, as they would for a single report (and each
 * then looks for its own report: lib/reports/accept-report.ts).
 */
export function createIntakeBatcher(options: IntakeBatcherOptions) {
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      await options.acceptOne(only.params).then(only.resolve, only.reject);
      return;
    }
    let rows: AcceptedRow[];
    try {
      rows = await options.acceptMany(batch.map((w) => w.params));
    } catch (error) {
      if (!options.rolledBack(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => options.acceptOne(w.params).then(w.resolve, w.reject)));
      return;
    }
    batch.forEach((w, i) => {
      const row = rows[i];
      if (row) w.resolve(row);
      else w.reject(new Error('The intake batch returned no row for a report'));
    });
  }

  function pump(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      void write(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    accept(params: IntakeParams): Promise<AcceptedRow> {
      return new Promise((resolve, reject) => {
        queue.push({ params, resolve, reject });
        pump();
      });
    },
  };
}
