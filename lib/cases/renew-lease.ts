import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { LEASE_MS } from './case-transaction';
import type { LeaseRenewal } from './types';

/**
 * Extends the holder's claim to 15 minutes from now. The console calls it as a heartbeat while the
 * case is open on screen, so it is one conditional UPDATE. It does not change the case's version
 * (an open form stays valid) and is not audited: it decides nothing, and the claim itself, its
 * release, expiry or reassignment, and every decision are audited, which is what shows who held
 * the case when. Only the holder may renew; a claim lost to expiry or reassignment is a conflict.
 */
export async function renewLease({
  caseId,
  actor,
  now = new Date(),
}: {
  caseId: string;
  actor: StaffPrincipal;
  now?: Date;
}): Promise<LeaseRenewal> {
  const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
  const updated = await getPrisma().case.updateMany({
    where: { id: caseId, assigneeId: actor.id, status: 'in_review', closedAt: null },
    data: { leaseExpiresAt },
  });
  if (updated.count === 0) {
    throw new AppError('conflict', 'You no longer hold this case. Claim it again from the queue to keep working on it.');
  }
  return { caseId, leaseExpiresAt };
}
