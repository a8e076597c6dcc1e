import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorDetail, XmlDocument, XsdValidator } from 'libxml2-wasm';
import { AppError } from '../errors';

export const DEFAULT_NCMEC_XSD_PATH = '../shared/ncmec/cyber_tipline.xsd';

/**
 * NCMEC's schema is not where NCMEC_XSD_PATH points. An AppError, so the referral panel and the API
 * show this fix instead of a generic failure.
 */
export class NcmecSchemaMissingError extends AppError {
  override name = 'NcmecSchemaMissingError';
  constructor(file: string, cause?: string) {
    super('conflict', ncmecSchemaMissingMessage(file, cause));
  }
}

/** What is wrong and how to fix it, in parts (the referral panel shows them as a list). */
export function ncmecSchemaFix(file: string, cause?: string) {
  return {
    problem: `NCMEC's CyberTipline schema was not found at ${file}${cause ? ` (${cause})` : ''}, so NCMEC referrals cannot be prepared or exported.`,
    why: "The schema is NCMEC's document and is not shipped with Triage Console.",
    getIt: 'Download it from the CyberTipline Reporting API (GET /xsd, https://report.cybertip.org/ispws/xsd) or ask NCMEC.',
    putIt: 'Save it at that path, or set NCMEC_XSD_PATH to where you saved it, and restart.',
  };
}

/** The same as one sentence: the start-up warning, errors and the tests' skip reason. */
export function ncmecSchemaMissingMessage(file: string, cause?: string): string {
  return Object.values(ncmecSchemaFix(file, cause)).join(' ');
}

/** True when the schema file is there (a cheap check for the start-up warning and the referral panel). */
export function ncmecSchemaPresent(file: string): boolean {
  return existsSync(file);
}

const cache = new Map<string, Promise<string>>();

/** Resolves NCMEC_XSD_PATH; relative paths are taken from the repo root (the working directory). */
export function resolveXsdPath(setting: string = DEFAULT_NCMEC_XSD_PATH, root: string = process.cwd()): string {
  return path.resolve(root, setting);
}

/**
 * NCMEC's CyberTipline schema, read from the configured path. The file is NCMEC's and is not part
 * of this project; when it is missing we say how to get it rather than export an unchecked report.
 */
export function loadNcmecXsd(file: string): Promise<string> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      cache.delete(file);
      throw new NcmecSchemaMissingError(file, error.code ?? error.message);
    });
    cache.set(file, loaded);
  }
  return loaded;
}

/**
 * libxml2 (compiled to WebAssembly, in-process) is loaded on first use, and the schema is compiled
 * once per file and kept for the life of the process: compiling NCMEC's 149 KB XSD costs about as
 * much as validating a 10,000-report document. Loaded with import() because the module initialises
 * its WebAssembly with a top-level await.
 */
const libxml2 = () => import('libxml2-wasm');
/** Documents go in as UTF-8 bytes: TextEncoder is native, libxml2-wasm's own string copy is a JS loop. */
const utf8 = new TextEncoder();
const validators = new Map<string, Promise<XsdValidator>>();

async function compileNcmecSchema(file: string): Promise<XsdValidator> {
  const [xsd, { XmlDocument, XsdValidator }] = await Promise.all([loadNcmecXsd(file), libxml2()]);
  // The parsed schema document stays alive with the validator: libxml2's compiled schema points into it.
  let schemaDoc: XmlDocument | undefined;
  try {
    schemaDoc = XmlDocument.fromBuffer(utf8.encode(xsd), { url: path.basename(file) });
    return XsdValidator.fromDoc(schemaDoc);
  } catch (error) {
    schemaDoc?.dispose();
    throw new AppError('conflict', `NCMEC's CyberTipline schema at ${file} could not be compiled (replace it with NCMEC's current file, or fix NCMEC_XSD_PATH): ${error instanceof Error ? error.message.trim() : String(error)}`);
  }
}

function ncmecValidator(file: string): Promise<XsdValidator> {
  let compiled = validators.get(file);
  if (!compiled) {
    compiled = compileNcmecSchema(file);
    compiled.catch(() => validators.delete(file));
    validators.set(file, compiled);
  }
  return compiled;
}

/**
 * Starts loading libxml2 and compiling the schema (a no-op once done): the server calls it at start
 * (instrumentation.ts) and a build calls it before building the document, to overlap the two. The
 * promise settles when the validator is ready; it never rejects, since failures surface when
 * validateNcmecXml is called.
 */
export function prepareNcmecValidator(xsdFile: string): Promise<void> {
  return ncmecValidator(xsdFile).then(
    () => undefined,
    () => undefined,
  );
}

export type XsdResult = { valid: true } | { valid: false; errors: string[] };

/** libxml2's diagnostics in xmllint's form: `report.xml:LINE: message`. */
const describe = (details: readonly ErrorDetail[]) => details.map((d) => `report.xml:${d.line}: ${d.message.trim()}`);

/**
 * Validates a `<report>` document against NCMEC's XSD (libxml2 compiled to WebAssembly). A document
 * that is not well-formed XML is reported as invalid, with the parser's errors.
 */
export async function validateNcmecXml(xml: string, xsdFile: string): Promise<XsdResult> {
  const validator = await ncmecValidator(xsdFile);
  const { XmlDocument, XmlLibError } = await libxml2();
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromBuffer(utf8.encode(xml), { url: 'report.xml' });
    validator.validate(doc);
    return { valid: true };
  } catch (error) {
    // XmlParseError (not well-formed) and XmlValidateError (against the schema) carry libxml2's details.
    if (error instanceof XmlLibError) return { valid: false, errors: describe(error.details) };
    throw error;
  } finally {
    doc?.dispose();
  }
}

/** Throws when the document does not validate; every export goes through here. */
export async function assertValidNcmecXml(xml: string, xsdFile: string): Promise<void> {
  const result = await validateNcmecXml(xml, xsdFile);
  if (!result.valid) throw new Error(`The CyberTipline report does not validate against NCMEC's schema:\n${result.errors.slice(0, 10).join('\n')}`);
}
