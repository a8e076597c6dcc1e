import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const DEFAULT_NCMEC_XSD_PATH = '../shared/ncmec/cyber_tipline.xsd';

export class NcmecSchemaMissingError extends Error {
  override name = 'NcmecSchemaMissingError';
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
      throw new NcmecSchemaMissingError(
        `NCMEC's CyberTipline schema was not found at ${file} (${error.code ?? error.message}). ` +
          'It is not shipped with Triage Console: download it from the CyberTipline Reporting API (GET /xsd, ' +
          'https://report.cybertip.org/ispws/xsd) or ask NCMEC, save it there, or point NCMEC_XSD_PATH at it.',
      );
    });
    cache.set(file, loaded);
  }
  return loaded;
}

export type XsdResult = { valid: true } | { valid: false; errors: string[] };

/** Validates a `<report>` document against NCMEC's XSD (xmllint compiled to WebAssembly). */
export async function validateNcmecXml(xml: string, xsdFile: string): Promise<XsdResult> {
  const xsd = await loadNcmecXsd(xsdFile);
  // Memory grows with the document (a 10,000-report case is a few MB); 64 KiB pages.
  const pages = Math.min(65536, 256 + Math.ceil((xml.length * 8) / 65536));
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'cyber_tipline.xsd', contents: xsd }],
    maxMemoryPages: pages,
  });
  if (result.valid) return { valid: true };
  return { valid: false, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

/** Throws when the document does not validate; every export goes through here. */
export async function assertValidNcmecXml(xml: string, xsdFile: string): Promise<void> {
  const result = await validateNcmecXml(xml, xsdFile);
  if (!result.valid) throw new Error(`The CyberTipline report does not validate against NCMEC's schema:\n${result.errors.slice(0, 10).join('\n')}`);
}
