import { create } from 'xmlbuilder2';
import type { BuiltPacket } from './build-packet';

/**
 * How a built packet reaches a hotline. The working implementation is the file export: staff
 * download the signed ZIP and submit it through the hotline's own channel. NcmecHttpSubmitter
 * follows the CyberTipline API (POST /submit → reportId, POST /finish; /retract when finishing
 * fails); it is off unless NCMEC_SUBMIT_ENABLED is set with credentials, and is exercised only
 * against a fake hotline in the tests.
 */
export interface HotlineSubmitter {
  readonly kind: 'file' | 'ncmec-api';
  submit(packet: BuiltPacket & { fileName: string }): Promise<SubmissionResult>;
}

export type SubmissionResult =
  | { kind: 'file'; fileName: string; contentType: 'application/zip'; bytes: Uint8Array; sha256: string }
  | { kind: 'submitted'; hotlineReportId: string; submittedAt: Date };

export class FileExportSubmitter implements HotlineSubmitter {
  readonly kind = 'file';
  async submit(packet: BuiltPacket & { fileName: string }): Promise<SubmissionResult> {
    return { kind: 'file', fileName: packet.fileName, contentType: 'application/zip', bytes: packet.zip, sha256: packet.sha256 };
  }
}

export type NcmecApiConfig = { baseUrl: string; username: string; password: string; fetch?: typeof fetch };

export class NcmecSubmitError extends Error {
  override name = 'NcmecSubmitError';
  constructor(message: string, readonly responseCode: string | null) {
    super(message);
  }
}

export class NcmecHttpSubmitter implements HotlineSubmitter {
  readonly kind = 'ncmec-api';
  constructor(private readonly config: NcmecApiConfig) {}

  async submit(packet: BuiltPacket & { fileName: string }): Promise<SubmissionResult> {
    if (packet.manifest.hotline !== 'ncmec' || packet.payload.path !== 'report.xml') throw new Error('Only NCMEC packets can be submitted to the CyberTipline API.');
    const submitted = await this.call('/submit', packet.payload.text, 'text/xml; charset=utf-8');
    const reportId = submitted.reportId;
    if (submitted.responseCode !== '0' || !reportId) throw new NcmecSubmitError(`CyberTipline refused the report: ${submitted.description ?? 'no reason given'}`, submitted.responseCode);
    try {
      const finished = await this.call('/finish', new URLSearchParams({ id: reportId }).toString(), 'application/x-www-form-urlencoded');
      if (finished.responseCode !== '0') throw new NcmecSubmitError(`CyberTipline did not finish report ${reportId}: ${finished.description ?? ''}`, finished.responseCode);
    } catch (error) {
      // An unfinished report is retracted so it does not linger half-submitted.
      await this.call('/retract', new URLSearchParams({ id: reportId }).toString(), 'application/x-www-form-urlencoded').catch(() => undefined);
      throw error;
    }
    return { kind: 'submitted', hotlineReportId: reportId, submittedAt: new Date() };
  }

  private async call(path: string, body: string, contentType: string): Promise<{ responseCode: string | null; description: string | null; reportId: string | null }> {
    const doFetch = this.config.fetch ?? fetch;
    const auth = Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64');
    const response = await doFetch(new URL(path.slice(1), this.config.baseUrl.endsWith('/') ? this.config.baseUrl : `${this.config.baseUrl}/`), {
      method: 'POST',
      headers: { Authorization: `Basic ${auth}`, 'Content-Type': contentType },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new NcmecSubmitError(`CyberTipline ${path} answered HTTP ${response.status}`, null);
    return parseResponse(text);
  }
}

function parseResponse(xml: string): { responseCode: string | null; description: string | null; reportId: string | null } {
  const doc = create(xml).end({ format: 'object' }) as Record<string, Record<string, unknown>>;
  const root = Object.values(doc)[0] ?? {};
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return { responseCode: str(root.responseCode), description: str(root.responseDescription), reportId: str(root.reportId) };
}
