import { generateSecret, generateURI, verify } from 'otplib';

/** Codes from one 30-second step either side of now are accepted, for clock drift and typing time. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_TOLERANCE_STEPS = 1;

const CODE = /^\d{6}$/;

/** A new base32 secret of 160 random bits (RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

/** Spaces and dashes people type between digit groups are dropped. */
export function normaliseTotpCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The 30-second step `code` belongs to when it is the current code for `secret` at `now`, or one
 * step before or after; null otherwise. A step at or before `afterStep` (the last one accepted) is
 * refused, so a code cannot be replayed within its window (RFC 6238 section 5.2).
 */
export async function verifyTotpCode(secret: string, code: string, now: Date, afterStep: number | null = null): Promise<number | null> {
  const token = normaliseTotpCode(code);
  if (!CODE.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      period: TOTP_PERIOD_SECONDS,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOTP_PERIOD_SECONDS * TOTP_TOLERANCE_STEPS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** Secrets shown as text are easier to type in groups of four. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
