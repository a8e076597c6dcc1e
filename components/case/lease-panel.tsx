'use client';

import { useEffect, useState } from 'react';
import { formatUtc } from '@/components/ui/format';
import type { ActionResult } from '@/lib/auth/action';

/** How often the page renews the holder's claim (the lease is 15 minutes). */
export const RENEW_EVERY_MS = 4 * 60_000;

export type RenewLease = (input: { caseId: string }) => Promise<ActionResult<{ caseId: string; leaseExpiresAt: Date }>>;

/**
 * Who holds the case and until when. While the holder has the page open, the claim is renewed now
 * and then every few minutes; if it was lost (expired and taken, or reassigned), that is announced.
 */
export function LeasePanel({
  caseId,
  holderName,
  isHolder,
  leaseExpiresAt,
  active,
  renew,
}: {
  caseId: string;
  holderName: string | null;
  isHolder: boolean;
  leaseExpiresAt: Date | null;
  /** The case is in review (a lease exists to renew). */
  active: boolean;
  renew: RenewLease;
}) {
  const [expires, setExpires] = useState<Date | null>(leaseExpiresAt);
  const [lost, setLost] = useState<string | null>(null);

  useEffect(() => {
    if (!isHolder || !active) return;
    let stopped = false;
    const beat = async () => {
      const result = await renew({ caseId });
      if (stopped) return;
      if (result.ok) setExpires(new Date(result.data.leaseExpiresAt));
      else {
        setLost(result.error.message);
        stopped = true;
        clearInterval(timer);
      }
    };
    void beat();
    const timer = setInterval(() => void beat(), RENEW_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [caseId, isHolder, active, renew]);

  return (
    <div className="text-sm" data-testid="lease">
      {holderName ? (
        <p>
          Held by <span className="font-semibold">{isHolder ? `${holderName} (you)` : holderName}</span>
          {expires ? (
            <>
              {' '}until <time dateTime={expires.toISOString()}>{formatUtc(expires)}</time>
              {isHolder && active && !lost ? <span className="text-slate-600 dark:text-slate-400"> · renewed while this page is open</span> : null}
            </>
          ) : null}
        </p>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">Nobody holds this case.</p>
      )}
      {lost ? (
        <p role="alert" className="mt-1 font-semibold text-red-800 dark:text-red-300">
          {lost}
        </p>
      ) : null}
    </div>
  );
}
