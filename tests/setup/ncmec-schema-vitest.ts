import { describe, it } from 'vitest';
import { announceNcmecSkip, ncmecSchemaAvailable } from './ncmec-schema';

export { ncmecSchemaAvailable, ncmecXsdFile } from './ncmec-schema';

/**
 * `describe` / `it` for tests that validate against NCMEC's schema: they run when the schema is
 * present and are reported as skipped, with the reason printed, when it is not (see ncmec-schema.ts).
 */
const skip = !ncmecSchemaAvailable;
const label = (name: string) => (skip ? `${name} [skipped: NCMEC schema not found, see NCMEC_XSD_PATH]` : name);

export function describeWithNcmecSchema(name: string, body: () => void): void {
  if (skip) announceNcmecSkip(name);
  describe.skipIf(skip)(label(name), body);
}

export function itWithNcmecSchema(name: string, body: () => Promise<void> | void, timeout?: number): void {
  if (skip) announceNcmecSkip(name);
  it.skipIf(skip)(label(name), body, timeout);
}
