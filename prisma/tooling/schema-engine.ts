// Prisma's schema engine (the part behind `prisma migrate`) compiled to WebAssembly. The native
// engine binary cannot be downloaded on our machines; this one ships inside an npm package and talks
// to Postgres through the same driver adapter the app uses. See shared/prisma-offline.md.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createMigrationAdapterFactory } from './adapter-shims';

export type SchemaEngine = bg.SchemaEngine;
export type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

declare global {
  // Read by the wasm glue when the engine panics; without it a panic surfaces as a TypeError.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let lastPanic: string | undefined;
let loading: Promise<void> | undefined;

/** Instantiates the wasm module once per process (the package's own entry needs a wasm-ESM loader flag). */
function loadWasm(): Promise<void> {
  loading ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message) {
        lastPanic = message;
        // Panics inside the engine's async tasks escape as a bare "RuntimeError: unreachable" that
        // no caller can catch, so print the reason as soon as the engine reports it.
        console.error(`[schema-engine] panic: ${message}`);
      },
    };
    // createRequire, not import.meta.resolve: Vitest's module runner does not implement the latter.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withTrackedTimers(bg as unknown as WebAssembly.ModuleImports),
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loading;
}

// The engine arms 10 s timeout timers and never clears them (its glue imports no clearTimeout),
// which keeps a finished CLI or test worker alive for 10 s. Track them and clear what is left once
// no engine is running.
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let activeEngines = 0;

function withTrackedTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const tracked: WebAssembly.ModuleImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    tracked[name] = (callback: () => void, ms: number) => {
      const timer: ReturnType<typeof setTimeout> = value(() => {
        engineTimers.delete(timer);
        callback();
      }, ms);
      engineTimers.add(timer);
      return timer;
    };
  }
  return tracked;
}

function clearIdleEngineTimers() {
  if (activeEngines > 0) return;
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

export interface SchemaEngineOptions {
  /** [path, content] pairs of the Prisma schema; optional for commands that only read migrations. */
  datamodels?: [string, string][];
}

/**
 * Runs `fn` with an engine connected to `databaseUrl` and always frees it afterwards, so pools are
 * closed and scripts/tests can exit. Engine panics are rethrown with the Rust panic message.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  options: SchemaEngineOptions = {},
): Promise<T> {
  await loadWasm();
  const factory = createMigrationAdapterFactory(databaseUrl);
  activeEngines += 1;
  const log = (line: string) => {
    if (process.env.TC_SCHEMA_ENGINE_LOG === '1') console.error(`[schema-engine] ${line}`);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: options.datamodels },
      log,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } catch (error) {
    throw withPanicMessage(error);
  } finally {
    try {
      engine?.free();
    } catch {
      // After a panic the engine is poisoned and free() throws; the error above is the one to see.
    }
    await factory.dispose();
    activeEngines -= 1;
    clearIdleEngineTimers();
  }
}

function withPanicMessage(error: unknown): unknown {
  if (lastPanic === undefined) return error;
  const message = `Schema engine panicked: ${lastPanic}`;
  lastPanic = undefined;
  return new Error(message, { cause: error });
}
