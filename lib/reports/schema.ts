import { z } from 'zod';
import {
  checkWebUrl,
  EMBEDDED_MEDIA_MESSAGE,
  findEmbeddedMedia,
  findTextProblem,
  TEXT_PROBLEM_MESSAGES,
  URL_PROBLEM_MESSAGES,
} from '@/lib/security/text-rules';
import { HARM_CATEGORIES } from './categories';
import { isCountryCode } from './countries';

export const DESCRIPTION_MAX = 5000;
export const CONTENT_URLS_MAX = 10;
/** NCMEC's limit for a URL, which is where these end up. */
export const CONTENT_URL_MAX_LENGTH = 2083;
export const MEDIA_HASHES_MAX = 100;

/**
 * The shared rule for untrusted text (lib/security/text-rules.ts) on one field: a control character,
 * a lone surrogate, a data: URI or a pasted media file is refused with a message naming the field.
 * Everything a packet may never contain is refused here, so an accepted report can always be referred.
 */
const untrusted = (label: string, options: { multiLine?: boolean } = {}) => (value: string, ctx: z.RefinementCtx) => {
  const problem = findTextProblem(value, options);
  if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${TEXT_PROBLEM_MESSAGES[problem]}` });
  else if (findEmbeddedMedia(value)) ctx.addIssue({ code: 'custom', message: `${label} ${EMBEDDED_MEDIA_MESSAGE}` });
};

/** A link: the text rule, then http(s) only (checkWebUrl); what is stored is the text checkWebUrl returns. */
const webUrl = (label: string) => (value: string, ctx: z.RefinementCtx) => {
  const checked = checkWebUrl(value);
  if (checked.ok) return checked.url;
  ctx.addIssue({ code: 'custom', message: `${label} ${URL_PROBLEM_MESSAGES[checked.problem]}` });
  return z.NEVER;
};

/** Blank strings count as absent, so an empty form field and a missing JSON key mean the same. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const optionalText = (max: number, label: string) =>
  blankAsAbsent(z.string().trim().max(max, `${label} must be at most ${max} characters`).superRefine(untrusted(label)));

const optionalUrl = (max: number, label: string) =>
  blankAsAbsent(
    z
      .string()
      .trim()
      .max(max, `${label} must be at most ${max} characters`)
      .superRefine(untrusted(label))
      .transform(webUrl(label)),
  );

const ZCountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Choose a country from the list (ISO 3166 two-letter code)');

/** `ALG:value`, e.g. `MD5:9e107d9d372bb6826bd81d3542a419d6` or `PDNA:…`. Hashes only, never media. */
const ZMediaHash = z
  .string()
  .trim()
  .max(2048, 'A media hash must be at most 2048 characters')
  .superRefine(untrusted('A media hash'))
  .regex(/^[A-Za-z0-9_-]{2,20}:[A-Za-z0-9+/=_-]{8,}$/, 'A media hash is written ALG:value, e.g. MD5:9e107d9d…');

const ZIpCaptureEvent = z.strictObject({
  ipAddress: z.union([z.ipv4(), z.ipv6()], { error: 'ipAddress must be an IPv4 or IPv6 address' }),
  port: z.number().int().min(0).max(65535).optional(),
  eventName: z.enum(['Login', 'Registration', 'Purchase', 'Upload', 'Other', 'Unknown']).default('Unknown'),
  dateTime: z.iso.datetime({ offset: true, error: 'dateTime must be ISO 8601 with Z or an offset' }),
});

/**
 * The earlier account the platform says this one replaced (typically one it suspended: ban
 * evasion). Linked to it as a network (lib/networks/) when that account is, or is later, reported.
 */
const ZReplacedAccount = z
  .strictObject({
    handle: optionalText(100, 'Replaced account handle'),
    platformAccountId: optionalText(200, 'Replaced account ID'),
  })
  .refine((a) => Boolean(a.handle || a.platformAccountId), { message: 'replacesAccount needs a handle or a platformAccountId' });

/** What a platform knows about the reported account. Only the API supplies it. */
export const ZPlatformContext = z.strictObject({
  ipCaptureEvents: z.array(ZIpCaptureEvent).max(100).optional(),
  countryCode: ZCountryCode.optional(),
  displayName: optionalText(200, 'Display name'),
  replacesAccount: ZReplacedAccount.optional(),
});
export type TPlatformContext = z.infer<typeof ZPlatformContext>;

/**
 * One report, from the public form or the intake API. The form builds this object from its fields
 * (lib/reports/form-data.ts); the API receives it as JSON. Unknown keys are refused so that a
 * platform's typo is an error, not silently dropped data.
 */
export const ZReportInput = z
  .object({
    account: z
      .strictObject({
        handle: optionalText(100, 'Handle'),
        profileUrl: optionalUrl(CONTENT_URL_MAX_LENGTH, 'Profile URL'),
        platformAccountId: optionalText(200, 'Account ID'),
      })
      .refine((a) => Boolean(a.handle || a.profileUrl || a.platformAccountId), {
        message: 'Tell us which account: a username, a profile link or an account ID',
      }),
    category: z.enum(HARM_CATEGORIES, { error: 'Choose what is happening' }),
    dangerNow: z.boolean().default(false),
    description: z
      .string()
      .max(DESCRIPTION_MAX, `The description must be at most ${DESCRIPTION_MAX} characters`)
      .superRefine(untrusted('The description', { multiLine: true }))
      .default('')
      // A carriage return (alone or before a newline) is a line break: stored as one newline.
      .transform((v) => v.replace(/\r\n?/g, '\n').trim()),
    contentUrls: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'A link cannot be empty')
          .max(CONTENT_URL_MAX_LENGTH, `A link must be at most ${CONTENT_URL_MAX_LENGTH} characters`)
          .superRefine(untrusted('A link'))
          .transform(webUrl('A link')),
      )
      .max(CONTENT_URLS_MAX, `At most ${CONTENT_URLS_MAX} links`)
      .default([]),
    reporter: z
      .strictObject({
        email: blankAsAbsent(
          z.string().trim().max(254).superRefine(untrusted('The e-mail address')).pipe(z.email('Enter a valid e-mail address')),
        ),
        country: blankAsAbsent(ZCountryCode),
        /** The platform's own opaque ID for the reporting user, so distinct reporters count right. API only. */
        platformUserId: optionalText(200, 'Reporter ID'),
      })
      .default({}),
    mediaHashes: z.array(ZMediaHash).max(MEDIA_HASHES_MAX, `At most ${MEDIA_HASHES_MAX} media hashes`).default([]),
    platformContext: ZPlatformContext.optional(),
  })
  .strict();

export type TReportInput = z.input<typeof ZReportInput>;
export type TReport = z.output<typeof ZReportInput>;

export type FieldIssue = { path: string; message: string };

/** zod issues as `{ path: "account.handle", message }`, the shape both the API and the form use. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
