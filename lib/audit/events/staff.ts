import { z } from 'zod';
import { STAFF_ROLES } from '@/lib/auth/roles';

const role = z.enum(STAFF_ROLES);

/**
 * Audit events of the staff domain (sign-in, sessions, staff administration); see
 * lib/audit/events.ts. Never a password or a code. A failed sign-in keeps the e-mail it tried only
 * as a keyed hash (lib/security/client-source.ts keyedHash, purpose 'sign-in-email'), so repeated
 * guessing is recognisable without storing addresses that may not belong to anyone here.
 */
export const staffEvents = [
  z.object({
    event: z.literal('staff.signed_in'),
    payload: z.object({ staffId: z.uuid(), sessionId: z.uuid(), secondFactor: z.boolean() }),
  }),
  z.object({
    event: z.literal('staff.sign_in_failed'),
    payload: z.object({
      staffId: z.uuid().nullable(),
      emailHash: z.string().min(1),
      reason: z.enum(['unknown_email', 'wrong_password', 'wrong_code', 'code_reused', 'locked', 'disabled', 'throttled']),
      /** The account's failures in a row after this one; for an unknown e-mail or a throttled source, the source's. */
      failedAttempts: z.number().int().nonnegative(),
      /**
       * Unknown-e-mail and throttled attempts are audited once per source per 15-minute window
       * (docs/decisions/0012): the source's keyed hash, and how many such attempts the previous
       * window(s) held that got no entry of their own.
       */
      sourceHash: z.string().min(1).optional(),
      unrecordedBefore: z.number().int().nonnegative().optional(),
    }),
  }),
  z.object({
    event: z.literal('staff.locked_out'),
    payload: z.object({ staffId: z.uuid(), lockedUntil: z.iso.datetime(), afterAttempts: z.number().int().positive() }),
  }),
  z.object({
    event: z.literal('staff.signed_out'),
    payload: z.object({ staffId: z.uuid(), sessionId: z.uuid() }),
  }),
  z.object({
    event: z.literal('staff.two_factor_enrolled'),
    payload: z.object({ staffId: z.uuid() }),
  }),
  z.object({
    event: z.literal('staff.created'),
    payload: z.object({ staffId: z.uuid(), email: z.string(), name: z.string(), role }),
  }),
  z.object({
    /** `required`: the first password of an account an admin created, chosen by its owner. */
    event: z.literal('staff.password_changed'),
    payload: z.object({ staffId: z.uuid(), required: z.boolean() }),
  }),
  z.object({
    event: z.literal('staff.disabled'),
    payload: z.object({ staffId: z.uuid(), revokedSessions: z.number().int().nonnegative() }),
  }),
  z.object({
    event: z.literal('staff.enabled'),
    payload: z.object({ staffId: z.uuid() }),
  }),
  z.object({
    event: z.literal('staff.role_changed'),
    payload: z.object({ staffId: z.uuid(), before: role, after: role }),
  }),
] as const;
