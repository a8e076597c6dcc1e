import Link from 'next/link';
import type { ReferralStatus } from '@/lib/generated/prisma/enums';
import { REFERRAL_STATUS_LABEL } from '@/lib/referrals/referral-state';

type Props = {
  caseId: string;
  routes: { hotline: string; name: string; reasons: string[] }[];
  referrals: { hotline: string; status: string }[];
};

/** Which hotlines this case must go to and why, with the state of each referral. */
export function ReferralRoutes({ caseId, routes, referrals }: Props) {
  return (
    <section aria-labelledby="referral-routes-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <h2 id="referral-routes-title" className="text-base font-semibold">
        Hotline referrals
      </h2>
      {routes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">No hotline takes this case&apos;s categories.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {routes.map((route) => {
            const states = referrals.filter((r) => r.hotline === route.hotline).map((r) => REFERRAL_STATUS_LABEL[r.status as ReferralStatus] ?? r.status);
            return (
              <li key={route.hotline}>
                <p className="font-medium">
                  {route.name}
                  <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">
                    {states.length ? states.join('; ') : 'not yet referred'}
                  </span>
                </p>
                <ul className="ml-4 list-disc text-slate-700 dark:text-slate-300">
                  {route.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href={`/console/cases/${caseId}/referrals`} className="text-blue-800 underline underline-offset-2 dark:text-sky-300">
          Open the referral panel
        </Link>
      </p>
    </section>
  );
}
