import type { HarmCategory } from '@/lib/generated/prisma/enums';
import type { Hotline } from './types';

/**
 * The hotline registry. Each entry says which categories it takes and whether it needs a link to
 * its country. Deployments choose the enabled hotlines with REFERRAL_HOTLINES (default: all).
 */
export type HotlineInfo = {
  id: Hotline;
  name: string;
  /** Categories reportable to this hotline. */
  categories: readonly HarmCategory[];
  /** When set, only cases linked to this country (ISO 3166 alpha-2) go to it. */
  country: string | null;
  /** File names of the machine-readable payload in a packet. */
  payloadFile: 'report.xml' | 'report.json';
};

/** Categories a US provider must report to NCMEC (18 U.S.C. 2258A), sextortion included. */
export const US_REPORTABLE: readonly HarmCategory[] = [
  'child_sexual_imagery',
  'grooming',
  'trafficking',
  'obscene_material_to_child',
  'sextortion',
];

export const HOTLINE_REGISTRY: Readonly<Record<Hotline, HotlineInfo>> = {
  ncmec: { id: 'ncmec', name: 'NCMEC CyberTipline', categories: US_REPORTABLE, country: null, payloadFile: 'report.xml' },
  uk_nca: { id: 'uk_nca', name: 'UK National Crime Agency (CEOP)', categories: US_REPORTABLE, country: 'GB', payloadFile: 'report.json' },
};

export const HOTLINE_IDS = ['ncmec', 'uk_nca'] as const satisfies readonly Hotline[];

/** Parses REFERRAL_HOTLINES ("ncmec,uk_nca") into registry entries, in registry order. */
export function enabledHotlines(setting: string): HotlineInfo[] {
  const wanted = new Set(setting.split(',').map((s) => s.trim()));
  return HOTLINE_IDS.filter((id) => wanted.has(id)).map((id) => HOTLINE_REGISTRY[id]);
}
