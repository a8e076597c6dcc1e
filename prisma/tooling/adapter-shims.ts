// Workarounds for @prisma/adapter-pg 7.10.1 bugs that only bite on the schema-engine (migrate) path.
// The app's query path is unaffected. Delete this file, and build the factory with
// `new PrismaPg({ connectionString })`, once an adapter-pg release fixes all three:
//
// 1. Shadow database (upstream: `PrismaPgAdapterFactory.connectToShadowDb` in adapter-pg src/pg.ts).
//    When the factory is built from a connection *string*, `{ ...this.config, database }` is
//    overridden by the string, so the "shadow" adapter talks to the main database; and its disposer
//    runs DROP DATABASE before closing its own pool, which fails ("is being accessed by other users").
// 2. Postgres' one-byte `"char"` type, OID 18 (upstream: `fieldToColumnType` in adapter-pg
//    src/conversion.ts has no case for it). Catalog queries the engine uses to describe a schema
//    (e.g. pg_constraint.contype) then fail with "Column type 'char' could not be deserialized".
//    We report such columns as ColumnTypeEnum.Character, which the engine reads as a char.
// 3. `executeScript` splits the script on every ";" (upstream: `PrismaPgAdapter.executeScript`),
//    which breaks migrations containing PL/pgSQL bodies or string literals with semicolons. We send
//    the script as one simple-protocol query, as the native engine does.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { withDatabase } from './database-url';

const CHAR_OID = 18;
const TEXT_OID = 25;

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Closes every pool this factory opened and drops any shadow database still around. */
  dispose(): Promise<void>;
}

export function createMigrationAdapterFactory(databaseUrl: string): MigrationAdapterFactory {
  const open = new Set<() => Promise<void>>();
  const track = (dispose: () => Promise<void>) => {
    let done: Promise<void> | undefined;
    const once = () => {
      open.delete(once);
      done ??= dispose();
      return done;
    };
    open.add(once);
    return once;
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      return connectShimmed(databaseUrl, track);
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
      const adapter = await connectShimmed(withDatabase(databaseUrl, name), track);
      const closePool = adapter.dispose.bind(adapter);
      // Close our own pool first, then drop; FORCE also ends anything the engine left open.
      adapter.dispose = track(async () => {
        await closePool();
        await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
      return adapter;
    },
    async dispose() {
      await Promise.all([...open].map((dispose) => dispose()));
    },
  };
}

async function connectShimmed(
  url: string,
  track: (dispose: () => Promise<void>) => () => Promise<void>,
): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('connect', (client) => patchQuery(client));
  patchQuery(pool);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();

  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = (query) => withCharColumns(() => queryRaw(query));
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => patchTransaction(await startTransaction(isolationLevel));
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  adapter.dispose = track(adapter.dispose.bind(adapter));
  return adapter;
}

function patchTransaction(tx: Transaction): Transaction {
  const queryRaw = tx.queryRaw.bind(tx);
  tx.queryRaw = (query: SqlQuery) => withCharColumns(() => queryRaw(query));
  return tx;
}

// --- "char" columns ------------------------------------------------------------------------------
// adapter-pg calls `client.query()` synchronously inside queryRaw, so the context that is current
// at that call belongs to exactly that queryRaw; no async-context tracking is needed.
interface CharContext {
  columns: number[];
}
let current: CharContext | undefined;

async function withCharColumns(run: () => Promise<SqlResultSet>): Promise<SqlResultSet> {
  const ctx: CharContext = { columns: [] };
  const previous = current;
  current = ctx;
  let pending: Promise<SqlResultSet>;
  try {
    pending = run();
  } finally {
    current = previous;
  }
  const result = await pending;
  for (const index of ctx.columns) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

type Queryable = { query: (...args: unknown[]) => unknown };

/** Wraps promise-style query() so OID 18 fields read as text and are recorded for withCharColumns. */
function patchQuery(target: pg.Pool | pg.PoolClient) {
  const queryable = target as unknown as Queryable;
  const query = queryable.query.bind(target);
  queryable.query = (...args: unknown[]) => {
    const ctx = current;
    const returned = query(...args);
    if (!(returned instanceof Promise)) return returned; // callback style (pool internals)
    return returned.then((result: pg.QueryResult) => {
      result.fields?.forEach((field, index) => {
        if (field.dataTypeID !== CHAR_OID) return;
        field.dataTypeID = TEXT_OID; // values are already parsed as strings; this only dodges the throw
        ctx?.columns.push(index);
      });
      return result;
    });
  };
}

// --- helpers -------------------------------------------------------------------------------------
/** Server errors become the adapter's 'postgres' error kind so the engine prints code and message. */
function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'N/A',
    severity: error.severity ?? 'N/A',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
