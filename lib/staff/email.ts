/** Staff e-mail addresses are kept trimmed and lower-case, so sign-in is case-insensitive. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
