import { LINK_REASON_LABEL } from '@/lib/networks/network-rules';
import type { ReferralNetworkAccount, ReferralSource } from './types';

/** How a referral cites the reported account's network in free text (NCMEC additionalInfo, the summary). Pure. */

const HOTLINE_NAME = { ncmec: 'NCMEC CyberTipline', uk_nca: 'UK NCA' } as const;

/** One linked account on one line: platform, handle / ID, how far, why linked, hotline reports recorded. */
export function networkAccountLine(a: ReferralNetworkAccount): string {
  const who = [a.handle ? `handle @${a.handle}` : null, a.platformAccountId ? `account ID ${a.platformAccountId}` : null].filter(Boolean).join(', ') || 'no handle or ID known';
  const why = a.links.map((l) => `${LINK_REASON_LABEL[l.reason]} (${l.detail})`).join('; ') || 'linked through another account of the network';
  const reports = a.hotlineReportIds.length ? `; hotline reports already made: ${a.hotlineReportIds.map((h) => `${HOTLINE_NAME[h.hotline]} ${h.hotlineReportId}`).join(', ')}` : '';
  return `${a.platform}, ${who}, ${a.hops === 1 ? 'directly linked' : 'two links away'}: ${why}${reports}.`;
}

/** The network paragraph: a heading line and one line per account; empty when the account stands alone. */
export function networkLines(source: Pick<ReferralSource, 'network'>): string[] {
  const accounts = source.network?.accounts ?? [];
  if (accounts.length === 0) return [];
  const more = source.network?.truncated ? ' The network is larger; the nearest accounts are listed.' : '';
  return [
    `Linked accounts (${accounts.length}): accounts our reports link to this one by shared evidence (the same content links, media hashes, IP addresses compared by keyed hash, mentions, or a replacement account the platform named); metadata only.${more}`,
    ...accounts.map((a) => `- ${networkAccountLine(a)}`),
  ];
}
