import { enabledHotlines } from './hotlines';
import { ncmecSchemaFix, ncmecSchemaMissingMessage, ncmecSchemaPresent, resolveXsdPath } from './validate-ncmec-xml';

type SchemaSettings = { REFERRAL_HOTLINES: string; NCMEC_XSD_PATH: string };

/**
 * NCMEC's schema is NCMEC's document and is not shipped, so a fresh clone lacks it. When NCMEC is an
 * enabled hotline and the file is missing, this is the fix to show (null when all is well).
 */
export function ncmecSchemaProblem(config: SchemaSettings, root: string = process.cwd()): ReturnType<typeof ncmecSchemaFix> | null {
  if (!enabledHotlines(config.REFERRAL_HOTLINES).some((h) => h.id === 'ncmec')) return null;
  const file = resolveXsdPath(config.NCMEC_XSD_PATH, root);
  return ncmecSchemaPresent(file) ? null : ncmecSchemaFix(file);
}

/** `npm start` says it once, at start, rather than leaving it to the first referral. */
export function warnIfNcmecSchemaMissing(config: SchemaSettings, root: string): void {
  if (ncmecSchemaProblem(config, root)) console.warn(`\nWarning: ${ncmecSchemaMissingMessage(resolveXsdPath(config.NCMEC_XSD_PATH, root))}\n`);
}
