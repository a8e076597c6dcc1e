import Link from 'next/link';
import { formatUtc } from '@/components/ui/format';
import type { PreservationHoldDTO } from '@/lib/preservation/list-holds';
import type { HoldExpiry } from '@/lib/retention/hold-expiry';
import { ExtendHoldForm, RequestReleaseForm, type ExtendHold, type RequestRelease } from './hold-forms';
import { HoldIdentityCells } from './hold-cells';

export type HoldRow = PreservationHoldDTO;

const TONE: Record<HoldExpiry['state'], string> = {
  active: '',
  expiring: 'font-semibold text-amber-900 dark:text-amber-200',
  expired: 'font-semibold text-red-800 dark:text-red-300',
};

const summary = 'cursor-pointer text-sm font-semibold text-blue-800 underline dark:text-sky-300';

/** Preservation holds in force, with the countdown to each one's end and what may be done to each. */
export function HoldsTable({
  holds,
  releaseReasons,
  extend,
  requestRelease,
}: {
  holds: HoldRow[];
  releaseReasons: { code: string; label: string }[];
  extend: ExtendHold;
  requestRelease: RequestRelease;
}) {
  if (holds.length === 0) return <p>No preservation hold is in force.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Preservation holds in force, soonest expiry first</caption>
        <thead className="border-b border-slate-400">
          <tr>
            <th scope="col" className="py-2 pr-3">Case and account</th>
            <th scope="col" className="py-2 pr-3">Basis and reason</th>
            <th scope="col" className="py-2 pr-3">Started by / approved by</th>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="py-2 pr-3">Expires</th>
            <th scope="col" className="py-2 pr-3">Time left</th>
            <th scope="col" className="py-2">Actions</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr key={h.id} className="border-b border-slate-200 align-top dark:border-slate-800" data-hold-id={h.id} data-expiry={h.expiry.state}>
              <HoldIdentityCells hold={h} />
              <td className="py-2 pr-3">
                {h.startedBy} / {h.approvedBy ?? '—'}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatUtc(h.startsAt)}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <time dateTime={h.expiresAt.toISOString()}>{formatUtc(h.expiresAt)}</time>
                {h.extensions > 0 ? <p data-testid="extensions">Extended {h.extensions === 1 ? 'once' : `${h.extensions} times`}</p> : null}
              </td>
              <td className={`py-2 pr-3 ${TONE[h.expiry.state]}`}>
                {h.expiry.state === 'expiring' ? 'Expiring soon: ' : ''}
                {h.expiry.text}
              </td>
              <td className="min-w-64 py-2">
                <details>
                  <summary className={summary}>Extend</summary>
                  <ExtendHoldForm holdId={h.id} label={h.accountLabel} extend={extend} />
                </details>
                {h.pendingRelease ? (
                  <p className="mt-2">
                    Early release asked by {h.pendingRelease.requestedBy}:{' '}
                    <Link href="/console/approvals" className="underline">
                      waiting in the approvals inbox
                    </Link>
                  </p>
                ) : h.releaseRefusal ? (
                  <p className="mt-2 text-slate-700 dark:text-slate-300">Cannot be released early: one year by law.</p>
                ) : (
                  <details className="mt-2">
                    <summary className={summary}>Request early release</summary>
                    <RequestReleaseForm holdId={h.id} label={h.accountLabel} reasons={releaseReasons} requestRelease={requestRelease} />
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
