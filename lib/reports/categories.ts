import type { HarmCategory, Severity } from '@/lib/generated/prisma/enums';

export type { HarmCategory, Severity };

export const HARM_CATEGORIES = [
  'child_sexual_imagery',
  'grooming',
  'trafficking',
  'sextortion',
  'obscene_material_to_child',
  'other_child_harm',
  'other_abuse',
] as const satisfies readonly HarmCategory[];

type CategoryInfo = {
  /** Plain words, as a reporter would say it. */
  label: string;
  /** Short form for staff tables. */
  shortLabel: string;
  /** Harm weight used by the priority score (lib/queue/priority.ts). */
  harmWeight: number;
  /** Severity a single report in this category starts at (before the danger-now flag). */
  severity: Exclude<Severity, 'critical'>;
};

export const CATEGORY_INFO: Record<HarmCategory, CategoryInfo> = {
  child_sexual_imagery: {
    label: 'Sexual images or videos of a child',
    shortLabel: 'Child sexual imagery',
    harmWeight: 60,
    severity: 'high',
  },
  grooming: {
    label: 'An adult trying to groom or meet a child',
    shortLabel: 'Grooming',
    harmWeight: 50,
    severity: 'high',
  },
  trafficking: {
    label: 'A child being sold or trafficked',
    shortLabel: 'Trafficking',
    harmWeight: 60,
    severity: 'high',
  },
  sextortion: {
    label: "Threats to share a child's images (sextortion)",
    shortLabel: 'Sextortion',
    harmWeight: 55,
    severity: 'high',
  },
  obscene_material_to_child: {
    label: 'Sexual material sent to a child',
    shortLabel: 'Obscene material to child',
    harmWeight: 40,
    severity: 'standard',
  },
  other_child_harm: {
    label: 'Other harm to a child',
    shortLabel: 'Other child harm',
    harmWeight: 30,
    severity: 'standard',
  },
  other_abuse: {
    label: 'Other abuse',
    shortLabel: 'Other abuse',
    harmWeight: 10,
    severity: 'standard',
  },
};

/** The most harmful of a set of categories; ties go to the one listed first in HARM_CATEGORIES. */
export function mostHarmful(categories: readonly HarmCategory[]): HarmCategory {
  let best: HarmCategory | undefined;
  for (const c of HARM_CATEGORIES) {
    if (categories.includes(c) && (!best || CATEGORY_INFO[c].harmWeight > CATEGORY_INFO[best].harmWeight)) best = c;
  }
  return best ?? 'other_abuse';
}
