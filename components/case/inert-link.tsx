import { defang } from '@/lib/security/display-text';
import { CopyText } from './copy-text';

/**
 * A content link as inert, defanged text (`hxxps://example[.]com/…`) with a button that copies the
 * original. Never an anchor, image, frame or preview: nothing on the page can request it.
 */
export function InertLink({ url, label }: { url: string; label: string }) {
  return (
    <span className="flex flex-wrap items-start gap-x-3 gap-y-1">
      <code className="min-w-0 font-mono text-xs break-all text-slate-800 select-all dark:text-slate-200" data-inert-link>
        {defang(url)}
      </code>
      <CopyText text={url} label={label} />
    </span>
  );
}
