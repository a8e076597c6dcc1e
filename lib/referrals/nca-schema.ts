import { z } from 'zod';
import { HARM_CATEGORIES } from '@/lib/reports/categories';

/**
 * Our JSON format for a referral to the UK National Crime Agency (CEOP). The NCA's own portal/API
 * format is set by regulations under the Online Safety Act 2023 s.66 (in force 7 April 2026); they
 * name the detected content, the user identified, hash values, IP addresses and ports, and connected
 * accounts, so this document has exactly those sections plus who reports and the incident time.
 */
const iso = z.iso.datetime({ offset: true });

export const ZNcaReferral = z.strictObject({
  format: z.literal('triage-console-nca-referral'),
  formatVersion: z.literal(1),
  generatedAt: iso,
  caseNumber: z.string(),
  incidentDateTime: iso,
  /** Which time incidentDateTime is and why (the platform's earliest event, or the first report). */
  incidentDateTimeDescription: z.string(),
  dangerNow: z.boolean(),
  reportingOrganisation: z.strictObject({
    name: z.string().min(1),
    service: z.string().min(1),
    contactName: z.string().nullable(),
    contactEmail: z.email(),
  }),
  ukLink: z.array(z.string()).min(1),
  userIdentified: z.strictObject({
    platform: z.string(),
    accountId: z.string().nullable(),
    handle: z.string().nullable(),
    displayNames: z.array(z.string()),
    profileUrl: z.string().nullable(),
    countryHint: z.string().length(2).nullable(),
    suspension: z.strictObject({ at: iso, until: iso.nullable() }).nullable(),
    preservationHolds: z.array(z.strictObject({ startsAt: iso, expiresAt: iso, releasedAt: iso.nullable() })),
  }),
  detectedContent: z.array(
    z.strictObject({
      reference: z.string(),
      receivedAt: iso,
      category: z.enum(HARM_CATEGORIES),
      dangerNow: z.boolean(),
      /**
       * Who the description and links come from: `platform` (sent with the platform's API key) or
       * `reporter` (a member of the public; their statement, not a platform fact).
       */
      statementsFrom: z.enum(['platform', 'reporter']),
      description: z.string(),
      /** As the reporter typed them; never visited. */
      contentUrls: z.array(z.string()),
      reporterCountry: z.string().length(2).nullable(),
    }),
  ),
  /**
   * Platform facts only: hashes sent with the platform's API key, each with the known-content lists it
   * matches (list, who vouches for it, distance; lib/known-content/). Hashes only, never a file.
   */
  hashValues: z.array(
    z.strictObject({
      algorithm: z.string(),
      value: z.string(),
      reportReference: z.string(),
      knownContentMatches: z.array(
        z.strictObject({
          list: z.string(),
          listSource: z.string(),
          /** Hamming distance for PDQ; 0 for exact algorithms. */
          distance: z.number().int().min(0),
          /** The list's PDQ threshold; 0 for exact algorithms. */
          threshold: z.number().int().min(0),
          entryLabel: z.string().nullable(),
        }),
      ),
    }),
  ),
  ipAddresses: z.array(
    z.strictObject({
      ipAddress: z.union([z.ipv4(), z.ipv6()]),
      port: z.number().int().min(0).max(65535).nullable(),
      eventName: z.string(),
      dateTime: iso,
    }),
  ),
  /** The account's network (lib/networks/): other accounts linked by shared evidence, why, and their hotline reports. */
  connectedAccounts: z.array(
    z.strictObject({
      platform: z.string(),
      accountId: z.string().nullable(),
      handle: z.string().nullable(),
      hops: z.union([z.literal(1), z.literal(2)]),
      linkReasons: z.array(z.strictObject({ reason: z.string(), detail: z.string() })),
      hotlineReferences: z.array(z.strictObject({ hotline: z.enum(['ncmec', 'uk_nca']), reference: z.string() })),
    }),
  ),
  /** Every hotline report ID recorded for this case or an earlier case about the account (both hotlines). */
  previousReferrals: z.array(z.strictObject({ hotline: z.enum(['ncmec', 'uk_nca']), reference: z.string(), caseNumber: z.string() })),
});

export type TNcaReferral = z.infer<typeof ZNcaReferral>;
