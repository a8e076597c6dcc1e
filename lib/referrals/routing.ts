import { CATEGORY_INFO } from '@/lib/reports/categories';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { HOTLINE_REGISTRY, type HotlineInfo } from './hotlines';
import type { Hotline } from './types';

export type RoutingInput = {
  categories: readonly HarmCategory[];
  reports: readonly { reference: string; category: HarmCategory; reporterCountry: string | null }[];
  accountCountryHint: string | null;
};

export type HotlineRoute = { hotline: Hotline; name: string; reasons: string[] };

/**
 * Which hotlines a case must go to, and why, in plain words. Pure. A hotline is chosen when the case
 * has a category it takes; a hotline tied to a country (the UK NCA) additionally needs the case to be
 * linked to that country — a report from there or the account located there — and is never chosen
 * otherwise.
 */
export function routeCase(input: RoutingInput, hotlines: readonly HotlineInfo[] = Object.values(HOTLINE_REGISTRY)): HotlineRoute[] {
  const categories = new Set<HarmCategory>([...input.categories, ...input.reports.map((r) => r.category)]);
  const routes: HotlineRoute[] = [];
  for (const hotline of hotlines) {
    const matching = hotline.categories.filter((c) => categories.has(c));
    if (matching.length === 0) continue;
    const reasons = [`Reportable category: ${matching.map((c) => CATEGORY_INFO[c].shortLabel).join(', ')}.`];
    if (hotline.country) {
      const link = countryLink(input, hotline.country);
      if (link.length === 0) continue;
      reasons.push(...link);
    }
    routes.push({ hotline: hotline.id, name: hotline.name, reasons });
  }
  return routes;
}

/** The reasons a case is linked to `country`; empty when it is not. */
export function countryLink(input: Pick<RoutingInput, 'reports' | 'accountCountryHint'>, country: string): string[] {
  const reasons: string[] = [];
  const fromThere = input.reports.filter((r) => r.reporterCountry?.toUpperCase() === country);
  if (fromThere.length > 0) {
    const refs = fromThere.slice(0, 3).map((r) => r.reference).join(', ');
    const more = fromThere.length > 3 ? ` and ${fromThere.length - 3} more` : '';
    reasons.push(`Reporter located in ${country} (${refs}${more}).`);
  }
  if (input.accountCountryHint?.toUpperCase() === country) reasons.push(`The platform locates the account in ${country}.`);
  return reasons;
}
