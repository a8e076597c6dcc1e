import { ncmecSchemaMissingMessage, ncmecSchemaPresent, resolveXsdPath } from '../../lib/referrals/validate-ncmec-xml';

/**
 * Whether tests that need NCMEC's CyberTipline schema can run. The schema is NCMEC's document and is
 * not shipped: on a fresh clone those tests are skipped, with the reason printed; with
 * TC_REQUIRE_NCMEC_XSD=1 (set by .ci/run, where the schema is present) its absence fails the run.
 * Framework-free, so Vitest (ncmec-schema-vitest.ts) and Playwright specs share it.
 */
export const ncmecXsdFile = resolveXsdPath(process.env.NCMEC_XSD_PATH);
export const ncmecSchemaRequired = process.env.TC_REQUIRE_NCMEC_XSD === '1';
export const ncmecSchemaAvailable = ncmecSchemaPresent(ncmecXsdFile);

export const NCMEC_SCHEMA_SKIP_REASON = `SKIPPED (needs NCMEC's schema): ${ncmecSchemaMissingMessage(ncmecXsdFile)} Set TC_REQUIRE_NCMEC_XSD=1 to make its absence fail the run instead.`;

if (!ncmecSchemaAvailable && ncmecSchemaRequired) {
  throw new Error(`TC_REQUIRE_NCMEC_XSD=1, so the NCMEC tests must run, but: ${ncmecSchemaMissingMessage(ncmecXsdFile)}`);
}

let announced = false;
/** Says once per test file why its NCMEC tests are skipped. */
export function announceNcmecSkip(where: string): void {
  if (ncmecSchemaAvailable || announced) return;
  announced = true;
  console.warn(`${where}: ${NCMEC_SCHEMA_SKIP_REASON}`);
}

/** Playwright: skips the running test, with the reason in the report, when the schema is absent. */
export function skipWithoutNcmecSchema(testInfo: { skip(condition: boolean, description: string): void }): void {
  announceNcmecSkip('browser test');
  testInfo.skip(!ncmecSchemaAvailable, NCMEC_SCHEMA_SKIP_REASON);
}
