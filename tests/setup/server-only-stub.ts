// Stands in for the `server-only` package under Vitest (see vitest.config.ts): the real one throws
// when imported outside a React Server Component bundle.
export {};
