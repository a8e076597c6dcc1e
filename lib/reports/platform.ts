import { getConfig } from '@/lib/config';
import type { SlaTargets } from '@/lib/queue/priority';
import { profileUrlParser } from './normalise';

let parser: { template: string; parse: (url: string) => string | null } | undefined;

/** Parses a profile URL of the configured platform to its handle (null when it is not one). */
export function parseConfiguredProfileUrl(url: string): string | null {
  const template = getConfig().PLATFORM_PROFILE_URL;
  if (parser?.template !== template) parser = { template, parse: profileUrlParser(template) };
  return parser.parse(url);
}

export function slaTargets(): SlaTargets {
  const config = getConfig();
  return {
    critical: config.SLA_CRITICAL_MINUTES,
    high: config.SLA_HIGH_MINUTES,
    standard: config.SLA_STANDARD_MINUTES,
  };
}
