import { roleAtLeast, type StaffRole } from './roles';

/**
 * The console's sections and the least role each needs. The header shows only the links the role
 * may open; the pages check the same role themselves (requirePageRole) — hiding a link is a
 * courtesy, not the control.
 */
export const CONSOLE_SECTIONS = [
  { href: '/console', label: 'Queue', role: 'moderator' },
  { href: '/console/obligations', label: 'Obligations', role: 'moderator' },
  { href: '/console/approvals', label: 'Approvals', role: 'supervisor' },
  { href: '/console/holds', label: 'Holds', role: 'supervisor' },
  { href: '/console/audit', label: 'Audit', role: 'supervisor' },
  { href: '/console/metrics', label: 'Metrics', role: 'supervisor' },
  { href: '/console/hash-lists', label: 'Hash lists', role: 'admin' },
  { href: '/console/admin/staff', label: 'Staff', role: 'admin' },
  { href: '/console/admin/integrations', label: 'Integrations', role: 'admin' },
] as const satisfies readonly { href: string; label: string; role: StaffRole }[];

export type ConsoleLink = { href: string; label: string };

export function consoleLinksFor(role: StaffRole): ConsoleLink[] {
  return CONSOLE_SECTIONS.filter((s) => roleAtLeast(role, s.role)).map(({ href, label }) => ({ href, label }));
}
