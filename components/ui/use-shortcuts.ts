'use client';

import { useEffect, useRef } from 'react';

/**
 * Single-key shortcuts for the console. A key is ignored while the user types in a field (input,
 * textarea, select, contenteditable), while a modal dialog is open, and with Ctrl/Alt/Cmd held, so
 * typing "s" in a note never suspends anyone. `mod+enter` (Ctrl+Enter or Cmd+Enter) is the one
 * shortcut that works inside fields: it submits what is being typed.
 */
export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const ref = useRef(map);
  useEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        const handler = ref.current['mod+enter'];
        if (handler) {
          event.preventDefault();
          handler(event);
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const handler = ref.current[event.key === '?' ? '?' : event.key.toLowerCase()];
      if (!handler || event.repeat) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
