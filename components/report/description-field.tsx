'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { controlClass, describedBy, FieldError, fieldIds, Hint, Label } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

const number = new Intl.NumberFormat('en-GB');
const remaining = (left: number) => `${number.format(left)} ${left === 1 ? 'character' : 'characters'} left`;
const noSubscription = () => () => {};

/**
 * The free-text description. The browser enforces the limit (maxLength); with JavaScript a counter
 * shows what is left, and screen readers hear it once typing pauses rather than on every key.
 */
export function DescriptionField({ defaultValue, max, errors }: { defaultValue: string; max: number; errors?: string[] }) {
  const ids = fieldIds(REPORT_FORM_FIELDS.description);
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [length, setLength] = useState(defaultValue.length);
  const [announcement, setAnnouncement] = useState('');
  const typed = useRef(false);
  const left = Math.max(0, max - length);

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => setAnnouncement(remaining(left)), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  return (
    <div>
      <Label htmlFor={ids.control} optional question>
        Tell us what happened
      </Label>
      <Hint id={ids.hint}>
        What you saw and when. A short description is enough. You can write up to {number.format(max)} characters.
      </Hint>
      <FieldError id={ids.error} messages={errors} />
      <textarea
        id={ids.control}
        name={REPORT_FORM_FIELDS.description}
        rows={6}
        maxLength={max}
        defaultValue={defaultValue}
        onChange={(event) => {
          typed.current = true;
          setLength(event.target.value.length);
        }}
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy(ids.hint, errors && ids.error)}
        className={`mt-2 resize-y ${controlClass(Boolean(errors))}`}
      />
      {hydrated ? (
        <p
          aria-hidden="true"
          className={`mt-1 text-sm tabular-nums ${left < 200 ? 'font-semibold text-amber-800 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400'}`}
        >
          {remaining(left)}
        </p>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
