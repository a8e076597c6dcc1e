'use client';

import { useEffect } from 'react';
import { MainContent, MessageBody } from '@/components/ui/message-page';
import { SiteFooter } from '@/components/ui/site-footer';
import { SiteHeader } from '@/components/ui/site-header';

/** Unexpected failures: a calm message and a way to try again. No internal details reach the page. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  // In production the message of a server error is already redacted; we show only its digest.
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <>
      <SiteHeader />
      <MainContent>
        <MessageBody title="Something went wrong on our side">
          <p>This page could not be shown. If you were sending a report, it may not have been sent: please try again.</p>
          <p>
            If a child is in danger right now, don’t wait: call <strong>999</strong> in the UK, <strong>911</strong> in
            the US, or your local emergency number.
          </p>
          <div className="flex flex-wrap items-center gap-4 pt-2">
            <button
              type="button"
              onClick={() => retry()}
              className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
            >
              Try again
            </button>
            <a href="/report" className="font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300">
              Start a new report
            </a>
          </div>
          {digest ? <p className="text-sm text-slate-600 dark:text-slate-400">Error code for support: {digest}</p> : null}
        </MessageBody>
      </MainContent>
      <SiteFooter />
    </>
  );
}
