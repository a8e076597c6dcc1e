import { Callout } from '@/components/ui/callout';

/** Shown above the form: the one thing we most need a reporter not to do. */
export function SafetyNotice() {
  return (
    <Callout
      tone="warning"
      titleId="safety-notice-title"
      title={
        <span className="flex items-start gap-2">
          <WarningIcon />
          <span>Please don’t share or save the material</span>
        </span>
      }
    >
      <p>
        Do <strong>not</strong> share, retweet, forward, download or screenshot it — not even to send it to us. Every
        copy harms the child again, and keeping or sharing it can be a crime.
      </p>
      <p>
        You don’t need to send us anything. Telling us <strong>where it is</strong> — the account and links to the
        posts — is enough for us to find it.
      </p>
    </Callout>
  );
}

function WarningIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      className="mt-0.5 size-6 shrink-0 text-amber-700 dark:text-amber-400"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
      <path d="M12 9v4.5M12 17h.01" />
    </svg>
  );
}
