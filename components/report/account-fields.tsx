import { controlClass, describedBy, FieldError, fieldIds, Hint, Label } from '@/components/ui/field';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';

type Props = {
  account: string;
  accountId: string;
  errors: { account?: string[]; accountId?: string[] };
};

/** One box for the username or profile link; the rarely known account ID tucked away below it. */
export function AccountFields({ account, accountId, errors }: Props) {
  const main = fieldIds(REPORT_FORM_FIELDS.account);
  const id = fieldIds(REPORT_FORM_FIELDS.accountId);
  const idOpen = Boolean(accountId || errors.accountId);

  return (
    <div>
      <Label htmlFor={main.control} question>
        Which account is it?
      </Label>
      <Hint id={main.hint}>Their username (like @name) or a link to their profile.</Hint>
      <FieldError id={main.error} messages={errors.account} />
      <input
        id={main.control}
        name={REPORT_FORM_FIELDS.account}
        type="text"
        defaultValue={account}
        maxLength={2083}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        aria-invalid={errors.account ? true : undefined}
        aria-describedby={describedBy(main.hint, errors.account && main.error)}
        className={`mt-2 ${controlClass(Boolean(errors.account))}`}
      />

      <details open={idOpen} className="mt-3">
        <summary className="w-fit cursor-pointer rounded-sm text-sm font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
          I also know the account’s ID number
        </summary>
        <div className="mt-3 border-l-4 border-slate-300 pl-4 dark:border-slate-700">
          <Label htmlFor={id.control} optional>
            Account ID
          </Label>
          <Hint id={id.hint}>Only if you know it. Most people don’t, and that’s fine.</Hint>
          <FieldError id={id.error} messages={errors.accountId} />
          <input
            id={id.control}
            name={REPORT_FORM_FIELDS.accountId}
            type="text"
            defaultValue={accountId}
            maxLength={200}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={errors.accountId ? true : undefined}
            aria-describedby={describedBy(id.hint, errors.accountId && id.error)}
            className={`mt-2 max-w-sm ${controlClass(Boolean(errors.accountId))}`}
          />
        </div>
      </details>
    </div>
  );
}
