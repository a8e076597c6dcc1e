import { BAN_EVASION_POINTS, DANGER_POINTS, KNOWN_CONTENT_POINTS, type PriorityParts } from '@/lib/queue/priority';
import { Panel } from './panel';

/** The parts of the score and what each measures (docs/priority.md). */
const PARTS: { key: keyof PriorityParts; name: string; explains: string }[] = [
  { key: 'harm', name: 'Harm', explains: 'The most harmful category reported (10–60).' },
  { key: 'danger', name: 'Danger now', explains: `+${DANGER_POINTS} when a reporter said a child is in danger right now: above all other parts together.` },
  { key: 'reporters', name: 'Reporters', explains: 'How many different people reported it: 10 × log2(1 + reporters), at most 40.' },
  { key: 'velocity', name: 'Velocity', explains: 'Reports in the last hour: 5 × log2(reports), at most 20.' },
  { key: 'age', name: 'SLA age', explains: '10 in the last half of the SLA, 25 once breached, +5 per further period, at most 40.' },
  { key: 'knownContent', name: 'Known content', explains: `+${KNOWN_CONTENT_POINTS} when a hash the platform sent matches an active known-content list.` },
  { key: 'banEvasion', name: 'Linked to suspended account', explains: `+${BAN_EVASION_POINTS} when the account is linked to a suspended account (possible ban evasion).` },
];

export function PriorityExplainer({ parts, score }: { parts: PriorityParts; score: number }) {
  const sum = PARTS.reduce((total, p) => total + parts[p.key], 0);
  return (
    <Panel id="priority" title="Why this priority">
      <table className="w-full text-sm">
        <caption className="sr-only">Priority score {score}, by part</caption>
        <thead>
          <tr className="text-left text-xs tracking-wide text-slate-600 uppercase dark:text-slate-400">
            <th scope="col" className="pb-1 font-semibold">Part</th>
            <th scope="col" className="pb-1 text-right font-semibold">Points</th>
            <th scope="col" className="pb-1 pl-3 font-semibold">What it measures</th>
          </tr>
        </thead>
        <tbody>
          {PARTS.map((p) => (
            <tr key={p.key} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 text-left font-medium">{p.name}</th>
              <td className="py-1 text-right tabular-nums">{parts[p.key]}</td>
              <td className="py-1 pl-3 text-slate-700 dark:text-slate-300">{p.explains}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 dark:border-slate-700">
            <th scope="row" className="py-1 text-left font-semibold">Score</th>
            <td className="py-1 text-right font-semibold tabular-nums">{score}</td>
            <td className="py-1 pl-3 text-slate-700 dark:text-slate-300">
              {sum !== score ? 'Interim score from the latest report; the full score follows within seconds.' : 'The sum of the parts.'}
            </td>
          </tr>
        </tfoot>
      </table>
    </Panel>
  );
}
