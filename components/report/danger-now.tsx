import { Hint } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

/**
 * The "danger right now" box. Ticking it reveals emergency guidance with CSS alone (:has), so it
 * works without JavaScript; a browser without :has shows the guidance all the time, never hides it.
 */
export function DangerNow({ checked }: { checked: boolean }) {
  const id = REPORT_FORM_FIELDS.dangerNow;
  return (
    <div className="group/danger rounded-lg border-2 border-slate-300 bg-white p-4 has-checked:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:has-checked:border-red-400">
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={id}
          type="checkbox"
          defaultChecked={checked}
          aria-describedby={`${id}-hint`}
          className="mt-0.5 size-6 shrink-0 accent-red-700 dark:accent-red-400"
        />
        <div>
          <label htmlFor={id} className="cursor-pointer text-base font-semibold">
            A child is in danger right now
          </label>
          <Hint id={`${id}-hint`}>Tick this if a child could be hurt now or very soon.</Hint>
        </div>
      </div>
      <div aria-live="polite">
        <div
          id={`${id}-guidance`}
          className="mt-4 rounded-md border-l-8 border-red-700 bg-red-50 p-4 text-red-950 group-not-has-checked/danger:hidden dark:border-red-400 dark:bg-red-950/60 dark:text-red-50"
        >
          <p className="text-lg font-bold">Call the police now.</p>
          <p className="mt-2">
            Call <strong>999</strong> in the UK, <strong>911</strong> in the US, or your local emergency number or
            police. You must act now: this form is <strong>not</strong> an emergency service and cannot send help.
          </p>
          <p className="mt-2">When you have called, please finish this report so we can act on the account.</p>
        </div>
      </div>
    </div>
  );
}
