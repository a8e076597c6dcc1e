import { displayText } from '@/lib/security/display-text';

/**
 * Text that someone outside the staff wrote (a description, handle, account ID, display name or
 * e-mail), as staff see it: links defanged and invisible or direction-changing characters shown as
 * `⟨U+202E⟩` (lib/security/display-text.ts). Copy buttons keep the original.
 */
export function OutsideText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className} data-outside-text>
      {displayText(text)}
    </span>
  );
}
