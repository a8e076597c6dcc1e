'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};
const canCopy = () => typeof navigator !== 'undefined' && Boolean(navigator.clipboard);

/** "Copy" next to a reference. Appears only when the browser can copy; the text itself stays selectable. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const available = useSyncExternalStore(noSubscription, canCopy, () => false);
  const [copied, setCopied] = useState(false);
  if (!available) return null;

  return (
    <span className="inline-flex items-center gap-3">
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
        className="rounded-md border border-slate-500 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-50 dark:border-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:hover:bg-slate-900"
      >
        {label}
      </button>
      <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {copied ? 'Copied' : ''}
      </span>
    </span>
  );
}
