import { controlClass, describedBy, FieldError, fieldIds, Hint, Label } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

/** Links to the content, one per line. Kept and shown as plain text only, never as links. */
export function LinksField({ defaultValue, max, errors }: { defaultValue: string; max: number; errors?: string[] }) {
  const ids = fieldIds(REPORT_FORM_FIELDS.contentUrls);
  return (
    <div>
      <Label htmlFor={ids.control} optional question>
        Links to the posts or messages
      </Label>
      <Hint id={ids.hint}>
        <p>Copy each address from your browser’s address bar. Put one link on each line, up to {max}.</p>
        <p className="mt-1">We keep links as plain text: nothing is opened, previewed or downloaded when you send them.</p>
      </Hint>
      <FieldError id={ids.error} messages={errors} />
      <textarea
        id={ids.control}
        name={REPORT_FORM_FIELDS.contentUrls}
        rows={4}
        defaultValue={defaultValue}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        placeholder={'https://…\nhttps://…'}
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy(ids.hint, errors && ids.error)}
        className={`mt-2 resize-y font-mono text-sm break-all ${controlClass(Boolean(errors))}`}
      />
    </div>
  );
}
