import { describedBy, FieldError, fieldIds, Hint, questionClass } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

export type CategoryOption = { value: string; label: string };

/** The id of a category's radio button; the error summary links to the first one. */
export const categoryOptionId = (value: string) => `${REPORT_FORM_FIELDS.category}-${value}`;

/** "What is happening?" as a radio group of plain-words categories. */
export function CategoryFieldset({
  options,
  selected,
  errors,
}: {
  options: readonly CategoryOption[];
  selected: string;
  errors?: string[];
}) {
  const ids = fieldIds(REPORT_FORM_FIELDS.category);
  return (
    <fieldset aria-describedby={describedBy(ids.hint, errors && ids.error)}>
      <legend className={questionClass}>What is happening?</legend>
      <Hint id={ids.hint}>Choose the one that fits best. If you’re not sure, that’s fine — pick the closest.</Hint>
      <FieldError id={ids.error} messages={errors} />
      <div className="mt-3 grid gap-2">
        {options.map((option) => (
          <div
            key={option.value}
            className="flex items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2.5 has-checked:border-blue-700 has-checked:bg-blue-50 dark:border-slate-700 dark:bg-slate-950 dark:has-checked:border-sky-400 dark:has-checked:bg-sky-950/50"
          >
            <input
              id={categoryOptionId(option.value)}
              name={REPORT_FORM_FIELDS.category}
              type="radio"
              value={option.value}
              defaultChecked={selected === option.value}
              aria-invalid={errors ? true : undefined}
              className="size-5 shrink-0 accent-blue-700 dark:accent-sky-400"
            />
            <label htmlFor={categoryOptionId(option.value)} className="flex-1 cursor-pointer py-0.5 text-base">
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
