import type { KeyObject } from 'node:crypto';
import { buildNcaReferral } from './build-nca-json';
import { buildNcmecXml } from './build-ncmec-xml';
import { buildSummary } from './build-summary';
import { HOTLINE_REGISTRY } from './hotlines';
import type { TPacketManifest, UnsignedManifest } from './manifest';
import { describeFiles, packPacket, sha256Hex, type PacketFile } from './packet-zip';
import { renderSummaryHtml } from './render-summary-html';
import { renderSummaryPdf } from './render-summary-pdf';
import type { Hotline, ReferralOrg, ReferralSource } from './types';
import { assertValidNcmecXml, prepareNcmecValidator } from './validate-ncmec-xml';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The hotline's machine-readable payload (report.xml or report.json) as text. Pure. */
export function buildPayloadText(source: ReferralSource, org: ReferralOrg, hotline: Hotline, now: Date): { path: string; contentType: string; text: string; sha256: string } {
  const info = HOTLINE_REGISTRY[hotline];
  const text = hotline === 'ncmec' ? buildNcmecXml(source, org, now) : `${JSON.stringify(buildNcaReferral(source, org, now), null, 2)}\n`;
  return { path: info.payloadFile, contentType: hotline === 'ncmec' ? 'application/xml' : 'application/json', text, sha256: sha256Hex(text) };
}

/** The payload, checked: the NCMEC report against NCMEC's XSD, the NCA document by its zod schema. */
export async function buildPayload(source: ReferralSource, org: ReferralOrg, hotline: Hotline, now: Date, xsdFile: string) {
  if (hotline === 'ncmec') prepareNcmecValidator(xsdFile);
  const payload = buildPayloadText(source, org, hotline, now);
  if (hotline === 'ncmec') await assertValidNcmecXml(payload.text, xsdFile);
  return payload;
}

export type PacketMeta = {
  packetId: string;
  referralId: string;
  hotline: Hotline;
  version: number;
  createdBy: { id: string; name: string };
  approvedBy: { id: string; name: string };
};

export type BuiltPacket = { zip: Uint8Array; sha256: string; manifest: TPacketManifest; payload: { path: string; text: string; sha256: string } };

/**
 * A complete, signed packet: payload (validated), summary.html, summary.pdf, manifest.json and
 * manifest.sig. Only metadata goes in; nothing is fetched.
 */
export async function buildPacket(
  source: ReferralSource,
  org: ReferralOrg,
  meta: PacketMeta,
  options: { now: Date; privateKey: KeyObject; xsdFile: string },
): Promise<BuiltPacket> {
  const { now } = options;
  // The first NCMEC build in a process loads libxml2 and compiles the XSD: start that before building the XML.
  if (meta.hotline === 'ncmec') prepareNcmecValidator(options.xsdFile);
  const payload = buildPayloadText(source, org, meta.hotline, now);
  // Every NCMEC document is checked against the XSD (in-process, with the schema compiled once per
  // process); the check must succeed before anything is packed.
  const validated = meta.hotline === 'ncmec' ? assertValidNcmecXml(payload.text, options.xsdFile) : Promise.resolve();
  validated.catch(() => undefined);
  const summary = buildSummary(source, org, { ...meta, createdBy: meta.createdBy.name, approvedBy: meta.approvedBy.name }, now);
  const files: PacketFile[] = [
    { path: payload.path, contentType: payload.contentType, bytes: utf8(payload.text) },
    { path: 'summary.html', contentType: 'text/html', bytes: utf8(renderSummaryHtml(summary)) },
    { path: 'summary.pdf', contentType: 'application/pdf', bytes: await renderSummaryPdf(summary, now) },
  ];
  await validated;
  const unsigned: UnsignedManifest = {
    format: 'triage-console-referral-packet',
    formatVersion: 2,
    packetId: meta.packetId,
    referralId: meta.referralId,
    caseId: source.caseId,
    caseNumber: source.caseNumber,
    hotline: meta.hotline,
    version: meta.version,
    createdAt: now.toISOString(),
    createdBy: meta.createdBy,
    approvedBy: meta.approvedBy,
    files: describeFiles(files),
  };
  const { zip, sha256, manifest } = packPacket(files, unsigned, options.privateKey);
  return { zip, sha256, manifest, payload: { path: payload.path, text: payload.text, sha256: payload.sha256 } };
}
