import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a native schema-engine binary and downloads one when it is missing; this
// machine (and many locked-down networks) cannot. `prisma generate` never runs the engine, so any
// existing file satisfies the check. Migrations go through the WebAssembly engine in prisma/tooling/.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
});
