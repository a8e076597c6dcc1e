import type { KeyObject } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { findEmbeddedMedia } from '@/lib/security/text-rules';
import { buildNcaReferral } from './build-nca-json';
import { buildNcmecXml } from './build-ncmec-xml';
import { buildSummary, withPacketSection, type SummaryModel } from './build-summary';
import { HOTLINE_REGISTRY } from './hotlines';
import type { TPacketManifest, UnsignedManifest } from './manifest';
import { assertNoEmbeddedMedia } from './packet-text';
import { describeFiles, packPacket, sha256Hex, type PacketFile } from './packet-zip';
import { renderSummaryHtml } from './render-summary-html';
import { renderSummaryPdf } from './render-summary-pdf';
import type { Hotline, ReferralOrg, ReferralSource } from './types';
import { assertValidNcmecXml, prepareNcmecValidator } from './validate-ncmec-xml';

const utf8 = (text: string) => new TextEncoder().encode(text);

export type PayloadText = { path: string; contentType: string; text: string; sha256: string };

/**
 * The hotline's machine-readable payload (report.xml or report.json) as text. Pure. Refuses (defence
 * in depth; intake refuses them first) any source or result that carries a data: URI or a
 * base64-encoded media file.
 */
export function buildPayloadText(source: ReferralSource, org: ReferralOrg, hotline: Hotline, now: Date): PayloadText {
  assertNoEmbeddedMedia(source);
  const info = HOTLINE_REGISTRY[hotline];
  const text = hotline === 'ncmec' ? buildNcmecXml(source, org, now) : `${JSON.stringify(buildNcaReferral(source, org, now), null, 2)}\n`;
  const media = findEmbeddedMedia(text);
  if (media) throw new AppError('conflict', `The ${info.payloadFile} would contain ${media}; a referral packet never carries media.`);
  return { path: info.payloadFile, contentType: hotline === 'ncmec' ? 'application/xml' : 'application/json', text, sha256: sha256Hex(text) };
}

/**
 * A referral version as prepared, once: the payload (validated: the NCMEC report against NCMEC's
 * XSD, the NCA document by its zod schema) with its SHA-256, and the summary data. Stored with the
 * referral; approval binds the hash and every export copies these bytes (packFrozenPacket).
 */
export type FrozenReferral = PayloadText & { preparedAt: Date; summary: SummaryModel };

export async function prepareFrozenReferral(source: ReferralSource, org: ReferralOrg, hotline: Hotline, preparedAt: Date, xsdFile: string): Promise<FrozenReferral> {
  if (hotline === 'ncmec') prepareNcmecValidator(xsdFile);
  const payload = buildPayloadText(source, org, hotline, preparedAt);
  if (hotline === 'ncmec') await assertValidNcmecXml(payload.text, xsdFile);
  return { ...payload, preparedAt, summary: buildSummary(source, org, hotline, preparedAt) };
}

type Person = { id: string; name: string };

export type PacketMeta = {
  packetId: string;
  referralId: string;
  caseId: string;
  caseNumber: string;
  hotline: Hotline;
  /** Export number of this referral version (1, 2, …). */
  version: number;
  /** The referral version (1 for the first referral of the case to this hotline). */
  referralVersion: number;
  preparedBy: Person;
  approvedBy: Person;
  /** Who downloads this export. */
  createdBy: Person;
};

export type BuiltPacket = { zip: Uint8Array; sha256: string; manifest: TPacketManifest; payload: { path: string; text: string; sha256: string } };

/**
 * The signed packet of an approved version: the stored payload bytes copied unchanged, summary.html
 * and summary.pdf rendered from the stored summary data, manifest.json (naming who prepared and who
 * approved, and the approved payload hash, which is the payload file's own SHA-256) and
 * manifest.sig. Nothing is rebuilt from live data, so later reports cannot change it.
 */
export async function packFrozenPacket(frozen: FrozenReferral, meta: PacketMeta, options: { now: Date; privateKey: KeyObject }): Promise<BuiltPacket> {
  const { now } = options;
  const bytes = utf8(frozen.text);
  if (sha256Hex(bytes) !== frozen.sha256) throw new AppError('conflict', 'The stored payload no longer matches its approved SHA-256; prepare a new version.');
  const summary = withPacketSection(frozen.summary, {
    packetId: meta.packetId,
    version: meta.referralVersion,
    preparedAt: frozen.preparedAt,
    preparedBy: meta.preparedBy.name,
    approvedBy: meta.approvedBy.name,
    exportedAt: now,
    exportedBy: meta.createdBy.name,
    payloadSha256: frozen.sha256,
  });
  const files: PacketFile[] = [
    { path: frozen.path, contentType: frozen.contentType, bytes },
    { path: 'summary.html', contentType: 'text/html', bytes: utf8(renderSummaryHtml(summary)) },
    { path: 'summary.pdf', contentType: 'application/pdf', bytes: await renderSummaryPdf(summary, now) },
  ];
  const unsigned: UnsignedManifest = {
    format: 'triage-console-referral-packet',
    formatVersion: 2,
    packetId: meta.packetId,
    referralId: meta.referralId,
    caseId: meta.caseId,
    caseNumber: meta.caseNumber,
    hotline: meta.hotline,
    version: meta.version,
    createdAt: now.toISOString(),
    createdBy: meta.createdBy,
    preparedBy: meta.preparedBy,
    approvedBy: meta.approvedBy,
    approvedPayloadHash: frozen.sha256,
    files: describeFiles(files),
  };
  const { zip, sha256, manifest } = packPacket(files, unsigned, options.privateKey);
  return { zip, sha256, manifest, payload: { path: frozen.path, text: frozen.text, sha256: frozen.sha256 } };
}

export type BuildPacketMeta = Omit<PacketMeta, 'caseId' | 'caseNumber' | 'referralVersion' | 'preparedBy'> & Partial<Pick<PacketMeta, 'referralVersion' | 'preparedBy'>>;

/** Prepare and pack in one go (tests and the benchmark): what prepare + approve + export produce. */
export async function buildPacket(
  source: ReferralSource,
  org: ReferralOrg,
  meta: BuildPacketMeta,
  options: { now: Date; privateKey: KeyObject; xsdFile: string },
): Promise<BuiltPacket> {
  const frozen = await prepareFrozenReferral(source, org, meta.hotline, options.now, options.xsdFile);
  return packFrozenPacket(
    frozen,
    { ...meta, caseId: source.caseId, caseNumber: source.caseNumber, referralVersion: meta.referralVersion ?? 1, preparedBy: meta.preparedBy ?? meta.createdBy },
    options,
  );
}
