import 'server-only';
import { getPrisma } from '@/lib/db';

/** Staff (by name and role) and the system actors, for the audit view's actor filter. */
export async function listAuditActors(): Promise<{ id: string; label: string }[]> {
  const staff = await getPrisma().staff.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, role: true } });
  const system = ['worker', 'lease-expiry', 'retention', 'sign-in', 'audit-verify', 'sealer', 'cli'];
  return [...staff.map((s) => ({ id: s.id, label: `${s.name} (${s.role})` })), ...system.map((id) => ({ id, label: `System: ${id}` }))];
}
