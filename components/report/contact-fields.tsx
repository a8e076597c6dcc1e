import { controlClass, describedBy, FieldError, fieldIds, Hint, Label, questionClass } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

export type CountryOption = { code: string; name: string };

type Props = {
  email: string;
  country: string;
  countries: readonly CountryOption[];
  errors: { email?: string[]; country?: string[] };
};

/** Optional details about the reporter. Nothing here is needed to send a report. */
export function ContactFields({ email, country, countries, errors }: Props) {
  const mail = fieldIds(REPORT_FORM_FIELDS.email);
  const place = fieldIds(REPORT_FORM_FIELDS.country);
  return (
    <fieldset aria-describedby="contact-hint">
      <legend className={questionClass}>
        About you <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
      </legend>
      <Hint id="contact-hint">
        You don’t have to tell us who you are. Leave an e-mail address only if you’re happy for us to contact you
        about this report.
      </Hint>

      <div className="mt-4">
        <Label htmlFor={mail.control} optional>
          E-mail address
        </Label>
        <FieldError id={mail.error} messages={errors.email} />
        <input
          id={mail.control}
          name={REPORT_FORM_FIELDS.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={254}
          defaultValue={email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy(errors.email && mail.error)}
          className={`mt-2 max-w-md ${controlClass(Boolean(errors.email))}`}
        />
      </div>

      <div className="mt-5">
        <Label htmlFor={place.control} optional>
          Country you live in
        </Label>
        <FieldError id={place.error} messages={errors.country} />
        <select
          id={place.control}
          name={REPORT_FORM_FIELDS.country}
          defaultValue={country}
          autoComplete="country"
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={describedBy(errors.country && place.error)}
          className={`mt-2 max-w-md ${controlClass(Boolean(errors.country))}`}
        >
          <option value="">Choose a country</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
