import normalizeUrl from 'normalize-url';

/**
 * Query parameters that say where a click came from, not what it points to: dropped, so that the
 * same content shared through two campaigns or apps compares equal.
 */
const TRACKING_PARAMETERS: (string | RegExp)[] = [
  /^utm_\w+$/i, // Google Analytics campaign tags (utm_source, utm_medium, …)
  'fbclid', // Facebook
  'gclid', 'dclid', 'gbraid', 'wbraid', // Google Ads
  'msclkid', // Microsoft Ads
  'yclid', // Yandex
  'twclid', 'ttclid', 'li_fat_id', // X/Twitter, TikTok, LinkedIn
  'igshid', 'igsh', // Instagram share IDs
  'mc_cid', 'mc_eid', // Mailchimp
  '_ga', '_gl', // Google Analytics linker
  'ref_src', 'ref_url', // Twitter embeds
  'si', // YouTube/Spotify share IDs
];

/**
 * The one rule for comparing content links across reports (shared_content_url evidence). Two links
 * that open the same content read the same after it:
 *  - scheme and host lower-case; http and https are the same link (https kept); a leading `www.`
 *    dropped; an internationalised host written in punycode;
 *  - default ports (80, 443) dropped; user name and password dropped;
 *  - the fragment dropped (it never reaches the server);
 *  - tracking parameters dropped (TRACKING_PARAMETERS), the rest sorted by name;
 *  - `.` and `..` path segments resolved, percent-escapes of unreserved characters decoded, a
 *    trailing slash and an empty `?` dropped.
 * Path and query values keep their case (servers treat them as case-sensitive).
 * Returns null for text that is not an http(s) URL (intake stores only those, so only old or
 * hand-made rows can hit it). The result is inert text: never fetched, shown defanged.
 */
export function normaliseContentUrl(url: string): string | null {
  const text = url.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return normalizeUrl(text, {
      forceHttps: true,
      stripHash: true,
      stripWWW: true,
      stripAuthentication: true,
      removeTrailingSlash: true,
      removeSingleSlash: true,
      removeExplicitPort: false, // only *default* ports go (the URL parser does that); 8080 is another server
      sortQueryParameters: true,
      removeQueryParameters: TRACKING_PARAMETERS,
    });
  } catch {
    return null;
  }
}
