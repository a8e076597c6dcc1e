import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { DAY, HOUR, MINUTE, type PlannedCase, type PlannedReport } from './plan';
import type { Random } from './random';

/** The demo's known-content list: the hashes a fictional hotline list holds that the ring's reports carry. */
export type DemoKnownContent = { md5: string[]; pdq: string[] };

type ReportFn = (at: Date, h: string, c: HarmCategory, extra?: Partial<PlannedReport>) => PlannedReport;

/** `hex` (64 hex digits) with `bits` bits flipped, spread over the hash: Hamming distance exactly `bits`. */
function nearPdq(hex: string, bits: number): string {
  const words = hex.match(/.{8}/g)!.map((w) => parseInt(w, 16));
  for (let b = 0; b < bits; b++) {
    const bit = (b * 37) % 256; // 37 is coprime with 256: distinct bits
    words[bit >> 5] = (words[bit >> 5]! ^ (1 << (31 - (bit & 31)))) >>> 0;
  }
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

/**
 * A ring over the last two days, reported by the demo platform (API: hashes and platform facts):
 * four accounts post the same album link and media whose hashes are on the demo known-content list
 * (an exact MD5 two of them share, PDQ near-duplicates at distances 4, 11 and 23), two share an IP
 * address, a fifth posts the album too and is the platform's replacement for `replaced` (a burst account suspended a week ago: ban evasion),
 * and a sixth is named in a public report about the first. The worker links them into one network
 * and marks the known content within seconds of the first start. All six stay open in the queue.
 */
export function planRing(random: Random, anchor: Date, handle: () => string, report: ReportFn, replaced: string): { cases: PlannedCase[]; knownContent: DemoKnownContent } {
  const ago = (ms: number) => new Date(anchor.getTime() - ms);
  const md5 = random.hex(32);
  const pdq = random.hex(64);
  const album = `https://files.example/album/ring-${random.hex(6)}`;
  const sharedIp = `192.0.2.${random.int(10, 250)}`; // documentation range (RFC 5737)
  const handles = Array.from({ length: 6 }, handle);
  const api = (at: Date, h: string, extra: Partial<PlannedReport>) =>
    report(at, h, 'child_sexual_imagery', { channel: 'api', contentUrls: [album], mediaHashes: [], ...extra });

  const reports: PlannedReport[][] = [
    [api(ago(46 * HOUR), handles[0]!, { mediaHashes: [`MD5:${md5}`], ipAddress: sharedIp })],
    [api(ago(40 * HOUR), handles[1]!, { mediaHashes: [`PDQ:${nearPdq(pdq, 4)}`], ipAddress: sharedIp })],
    [api(ago(31 * HOUR), handles[2]!, { mediaHashes: [`PDQ:${nearPdq(pdq, 11)}`, `MD5:${random.hex(32)}`] })],
    [api(ago(20 * HOUR), handles[3]!, { mediaHashes: [`PDQ:${nearPdq(pdq, 23)}`, `MD5:${md5}`] })],
    [api(ago(9 * HOUR), handles[4]!, { replacesHandle: replaced })],
    [
      report(ago(5 * HOUR), handles[5]!, 'grooming', {
        channel: 'web',
        description: `Keeps messaging my 13-year-old and says to add @${handles[0]} for "more". Same people as the album going round.`,
        contentUrls: [],
        mediaHashes: [],
      }),
    ],
  ];
  // A second platform report on the first account an hour later: a busy case.
  reports[0]!.push(api(ago(45 * HOUR + 20 * MINUTE), handles[0]!, { mediaHashes: [`MD5:${md5}`] }));
  const cases = reports.map((rs, i): PlannedCase => ({ handle: handles[i]!, reports: rs, outcome: 'open', worker: 1, actAt: new Date(anchor.getTime() + DAY), referrals: 'full' }));
  return { cases, knownContent: { md5: [md5], pdq: [pdq] } };
}
