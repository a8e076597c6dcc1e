/**
 * How close a preservation hold is to its end. Pure. A hold warns 30 days before it expires, so
 * there is time to ask the requesting authority whether to extend it (the platform is told of the
 * end date when the hold starts).
 */
export const HOLD_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export type HoldExpiry = { state: 'active' | 'expiring' | 'expired'; daysLeft: number; text: string };

export function holdExpiry(expiresAt: Date, now: Date): HoldExpiry {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) {
    const ago = Math.floor(-ms / DAY_MS);
    return { state: 'expired', daysLeft: 0, text: ago === 0 ? 'Expired today' : `Expired ${ago} day${ago === 1 ? '' : 's'} ago` };
  }
  const daysLeft = Math.ceil(ms / DAY_MS);
  const hoursLeft = Math.ceil(ms / 3_600_000);
  const text = daysLeft <= 1 ? `${hoursLeft} hour${hoursLeft === 1 ? '' : 's'} left` : `${daysLeft} days left`;
  return { state: daysLeft <= HOLD_WARNING_DAYS ? 'expiring' : 'active', daysLeft, text };
}
