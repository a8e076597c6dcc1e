import { formatUtc } from '@/components/ui/format';
import { OutsideText } from '@/components/ui/outside-text';
import type { KnownContentMatchDTO } from '@/lib/known-content/get-case-known-content';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { Panel } from './panel';

const ALGORITHM_NAMES: Record<KnownContentMatchDTO['algorithm'], string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  photodna: 'PhotoDNA',
  pdq: 'PDQ',
};

/** How close a match is, in words a moderator can repeat: exact, or PDQ's Hamming distance. */
function closeness(match: KnownContentMatchDTO): string {
  if (match.algorithm !== 'pdq') return 'exact match';
  return match.distance === 0 ? 'exact match (distance 0)' : `distance ${match.distance} of 256 bits`;
}

/**
 * Hashes the platform sent that match a known-content list (lib/known-content/). Shown only when
 * there is a match; the hash is text, the media is never fetched or shown.
 */
export function KnownContentPanel({ matches }: { matches: KnownContentMatchDTO[] }) {
  if (matches.length === 0) return null;
  return (
    <Panel id="known-content" title="Known content">
      <ul className="space-y-3 text-sm">
        {matches.map((m) => (
          <li key={m.id} className="rounded border-l-4 border-red-700 bg-red-50 p-2 dark:border-red-400 dark:bg-red-950/40">
            <p className="font-semibold">
              Known content: list <OutsideText text={m.listName} />, {ALGORITHM_NAMES[m.algorithm]}, {closeness(m)}
            </p>
            <p className="text-slate-700 dark:text-slate-300">
              <OutsideText text={m.listSource} /> · {CATEGORY_INFO[m.listCategory].shortLabel}
              {m.entryLabel ? (
                <>
                  {' '}
                  · entry <OutsideText text={m.entryLabel} />
                </>
              ) : null}
            </p>
            <p className="font-mono text-xs break-all">
              <OutsideText text={m.reportHash} />
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Report {m.reportReference} · matched <time dateTime={m.matchedAt.toISOString()}>{formatUtc(m.matchedAt)}</time>
              {m.listStatus === 'retired' ? ' · the list is retired' : null}
              {!m.entryStillListed ? ' · the entry has since been removed from the list' : null}
            </p>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
