import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import type { SessionClaims } from './resolve-session';

/** Revokes the session row behind a sign-out and records it; a session already ended is left alone. */
export async function signOutSession(
  claims: SessionClaims,
  { now = new Date(), requestId }: { now?: Date; requestId?: string | null } = {},
): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.staffSession.updateMany({
      where: { id: claims.sessionId, staffId: claims.staffId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) return false;
    await writeAudit(
      tx,
      { event: 'staff.signed_out', payload: { staffId: claims.staffId, sessionId: claims.sessionId } },
      { actor: { type: 'staff', id: claims.staffId }, requestId, entity: { type: 'staff', id: claims.staffId } },
    );
    return true;
  });
}
