/** A session ends 8 hours after sign-in however active it is, and after 30 idle minutes. */
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export type SessionFacts = {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  staffDisabledAt: Date | null;
};

export type SessionVerdict = 'active' | 'revoked' | 'disabled' | 'expired' | 'idle';

/** Whether a server-side session still lets its holder in at `now`. */
export function sessionVerdict(session: SessionFacts, now: Date): SessionVerdict {
  const t = now.getTime();
  if (session.revokedAt !== null) return 'revoked';
  if (session.staffDisabledAt !== null) return 'disabled';
  if (t >= session.expiresAt.getTime() || t - session.createdAt.getTime() >= SESSION_ABSOLUTE_MS) return 'expired';
  if (t - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle';
  return 'active';
}

/** True when last_seen_at is old enough to be worth writing again. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS);
}
