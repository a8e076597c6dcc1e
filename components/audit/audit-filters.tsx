import { controlClass } from '@/components/ui/field';

export type AuditFilterValues = { actor: string; case: string; event: string; from: string; to: string };
export type ActorOption = { id: string; label: string };

const input = `${controlClass(false)} !py-1.5 !text-sm`;

/** The audit view's filter: a plain GET form, so it works without JavaScript and the URL is shareable. */
export function AuditFilters({
  values,
  actors,
  eventTypes,
  error,
}: {
  values: AuditFilterValues;
  actors: ActorOption[];
  eventTypes: readonly string[];
  error: string | null;
}) {
  return (
    <form method="get" action="/console/audit" aria-label="Filter the audit log" className="grid gap-3 rounded-lg border border-slate-300 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-700">
      <div>
        <label htmlFor="actor" className="block text-sm font-semibold">
          Actor
        </label>
        <select id="actor" name="actor" defaultValue={values.actor} className={input}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="case" className="block text-sm font-semibold">
          Case number or ID
        </label>
        <input id="case" name="case" defaultValue={values.case} className={input} inputMode="text" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="event" className="block text-sm font-semibold">
          Event type
        </label>
        <select id="event" name="event" defaultValue={values.event} className={input}>
          <option value="">Any event</option>
          {eventTypes.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="block text-sm font-semibold">
          From (UTC)
        </label>
        <input id="from" name="from" type="datetime-local" defaultValue={values.from} className={input} />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-semibold">
          To (UTC)
        </label>
        <input id="to" name="to" type="datetime-local" defaultValue={values.to} className={input} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900">
          Apply filter
        </button>
        <a href="/console/audit" className="px-2 py-2 text-sm underline">
          Clear
        </a>
      </div>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-800 sm:col-span-3 lg:col-span-6 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </form>
  );
}
