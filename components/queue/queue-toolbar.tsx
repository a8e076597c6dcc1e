'use client';

import { useState } from 'react';
import { ShortcutHelp } from '@/components/ui/shortcut-help';
import { useShortcuts } from '@/components/ui/use-shortcuts';
import { NextCaseButton, NextCaseMessage, useNextCase, type ClaimNext } from './next-case';

const QUEUE_SHORTCUTS = [
  { keys: ['n'], description: 'Claim and open the next case' },
  { keys: ['?'], description: 'Show this help' },
];

/** The queue's "Next case" button, its `n` shortcut and the `?` help. */
export function QueueToolbar({ claimNext }: { claimNext: ClaimNext }) {
  const { next, pending, message } = useNextCase(claimNext);
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts({ n: next, '?': () => setHelpOpen(true) });

  return (
    <div className="flex flex-wrap items-center gap-3">
      <NextCaseButton onClick={next} pending={pending} />
      <button
        type="button"
        onClick={() => setHelpOpen(true)}
        aria-keyshortcuts="?"
        className="rounded-md px-2 py-2 text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300"
      >
        Keyboard shortcuts <kbd className="font-mono text-xs">?</kbd>
      </button>
      <NextCaseMessage message={message} />
      <ShortcutHelp shortcuts={QUEUE_SHORTCUTS} open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
