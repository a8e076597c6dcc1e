'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { controlClass, describedBy, FieldError, Hint, Label } from '@/components/ui/field';

type Outcome = { tone: 'ok' | 'error'; text: string; lines?: string[] };
type ImportResponse = {
  mode?: 'create' | 'replace';
  entriesAdded?: number;
  linesRejected?: number;
  duplicatesDropped?: number;
  problems?: { line: number; message: string }[];
  message?: string;
  issues?: { path: string; message: string }[];
};

/**
 * The import form. The pasted list goes as the request body to the import route (streamed there, never
 * stored); the list's details go as query parameters. The size limit is checked here first, and
 * again on the server.
 */
export function HashListImportForm({
  categories,
  maxBytes,
  pdqDistanceDefault,
  pdqDistanceMax,
  existingNames,
}: {
  categories: readonly string[];
  maxBytes: number;
  pdqDistanceDefault: number;
  pdqDistanceMax: number;
  existingNames: string[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);
  const maxMb = Math.round(maxBytes / (1024 * 1024));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    // Pasted text, never a file input: the console takes no uploads of any kind (the hard rule).
    const text = String(form.get('file') ?? '');
    if (text.trim() === '') return setErrors({ file: ['Paste the list: CSV (hash,label) or JSON lines'] });
    const file = new Blob([text], { type: 'text/plain' });
    if (file.size > maxBytes) return setErrors({ file: [`The console takes lists up to ${maxMb} MB; import larger lists with npm run hashlist:import`] });
    const params = new URLSearchParams({
      name: String(form.get('name') ?? ''),
      source: String(form.get('source') ?? ''),
      category: String(form.get('category') ?? ''),
      pdqMaxDistance: String(form.get('pdqMaxDistance') ?? ''),
      replace: form.get('replace') === 'on' ? 'true' : 'false',
      fileName: 'pasted-list.txt',
      size: String(file.size),
    });
    setPending(true);
    setOutcome(null);
    try {
      const response = await fetch(`/api/v1/hash-lists?${params}`, { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'text/plain' } });
      const body = (await response.json().catch(() => ({}))) as ImportResponse;
      if (response.ok) {
        setErrors({});
        const lines = (body.problems ?? []).map((p) => `Line ${p.line}: ${p.message}`);
        const refused = body.linesRejected ? ` ${body.linesRejected} lines were refused${lines.length < body.linesRejected ? ' (the first are listed)' : ''}.` : '';
        const verb = body.mode === 'replace' ? 'Replaced the list with' : 'Imported';
        setOutcome({ tone: 'ok', text: `${verb} ${body.entriesAdded ?? 0} hashes (${body.duplicatesDropped ?? 0} duplicates dropped).${refused}`, lines });
        formRef.current?.reset();
        router.refresh();
      } else {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of body.issues ?? []) (fieldErrors[issue.path || 'file'] ??= []).push(issue.message);
        setErrors(fieldErrors);
        setOutcome({ tone: 'error', text: body.message ?? (body.issues ? 'Check the highlighted fields.' : 'The import failed; nothing was imported.') });
      }
    } catch {
      setOutcome({ tone: 'error', text: 'The upload did not reach the server; nothing was imported. Please try again.' });
    }
    setPending(false);
  }

  const invalid = (name: string) => Boolean(errors[name]?.length);
  const text = (name: 'name' | 'source', label: string, hint: string) => (
    <div>
      <Label htmlFor={`list-${name}`}>{label}</Label>
      <Hint id={`list-${name}-hint`}>{hint}</Hint>
      <input
        id={`list-${name}`}
        name={name}
        type="text"
        autoComplete="off"
        list={name === 'name' ? 'existing-list-names' : undefined}
        aria-invalid={invalid(name) || undefined}
        aria-describedby={describedBy(`list-${name}-hint`, invalid(name) && `list-${name}-error`)}
        className={`mt-1.5 ${controlClass(invalid(name))}`}
      />
      <FieldError id={`list-${name}-error`} messages={errors[name]} />
    </div>
  );

  return (
    <section aria-labelledby="import-list-title" className="max-w-xl">
      <h2 id="import-list-title" className="text-lg font-bold">
        Import a list
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        CSV (<code>hash,label</code>, header optional) or JSON lines (<code>{'{"hash":"PDQ:…","label":"…"}'}</code>), one <code>ALG:value</code> per line:
        MD5, SHA-1, SHA-256, PDNA (PhotoDNA, base64 or hex) or PDQ. Up to {maxMb} MB here; larger files with <code>npm run hashlist:import</code>.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
        <div role={outcome?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
          {outcome ? (
            <div className={outcome.tone === 'ok' ? 'font-semibold text-green-800 dark:text-green-300' : 'font-semibold text-red-700 dark:text-red-300'}>
              <p>{outcome.text}</p>
              {outcome.lines?.length ? (
                <ul className="mt-1 list-disc pl-5 font-normal">
                  {outcome.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
        <div>
          <Label htmlFor="list-file">Hash lines</Label>
          <Hint id="list-file-hint">Paste the list as text: CSV (hash,label) or JSON lines. Larger lists: npm run hashlist:import.</Hint>
          <textarea
            id="list-file"
            name="file"
            rows={8}
            spellCheck={false}
            aria-invalid={invalid('file') || undefined}
            aria-describedby={describedBy('list-file-hint', invalid('file') && 'list-file-error')}
            className={`${controlClass(invalid('file'))} font-mono text-sm`}
          />
          <FieldError id="list-file-error" messages={errors.file ?? errors.fileName ?? errors.size} />
        </div>
        {text('name', 'List name', 'A new name creates a list; an existing one needs “Replace”.')}
        <datalist id="existing-list-names">
          {existingNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {text('source', 'Source', 'Who vouches for these hashes (a hotline, an industry programme). Optional when replacing.')}
        <div>
          <Label htmlFor="list-category">Harm category</Label>
          <select id="list-category" name="category" defaultValue="" aria-invalid={invalid('category') || undefined} className={`mt-1.5 ${controlClass(invalid('category'))}`}>
            <option value="">Choose…</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          <FieldError id="list-category-error" messages={errors.category} />
        </div>
        <div>
          <Label htmlFor="list-pdq">PDQ distance</Label>
          <Hint id="list-pdq-hint">
            A PDQ hash matches within this many bits (0–{pdqDistanceMax}; {pdqDistanceDefault} is ThreatExchange’s default).
          </Hint>
          <input
            id="list-pdq"
            name="pdqMaxDistance"
            type="number"
            min={0}
            max={pdqDistanceMax}
            placeholder={String(pdqDistanceDefault)}
            aria-invalid={invalid('pdqMaxDistance') || undefined}
            aria-describedby={describedBy('list-pdq-hint', invalid('pdqMaxDistance') && 'list-pdq-error')}
            className={`mt-1.5 ${controlClass(invalid('pdqMaxDistance'))}`}
          />
          <FieldError id="list-pdq-error" messages={errors.pdqMaxDistance} />
        </div>
        <div className="flex items-center gap-2">
          <input id="list-replace" name="replace" type="checkbox" className="size-5" />
          <label htmlFor="list-replace" className="font-semibold">
            Replace every entry of the existing list with this file
          </label>
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-70 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
        >
          {pending ? 'Importing…' : 'Import'}
        </button>
      </form>
    </section>
  );
}
