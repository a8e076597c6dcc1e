import 'server-only';
import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { AppError, type AppErrorCode } from '@/lib/errors';
import { toFieldIssues } from '@/lib/reports/schema';
import { ZActionInputText } from './action-input';
import { requireRole } from './guards';
import type { StaffPrincipal, StaffRole } from './roles';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: AppErrorCode | 'internal_error'; message: string; fieldErrors?: Record<string, string[]> } };

/**
 * The one wrapper for staff server actions: parse the input with its zod schema, check the role,
 * run the lib/ function, map errors. Export only wrapped actions from 'use server' files: every
 * export of such a file is a public endpoint.
 */
export function staffAction<S extends z.ZodType, T>(
  role: StaffRole,
  schema: S,
  run: (input: z.output<S>, staff: StaffPrincipal) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const staff = await requireRole(role);
      ZActionInputText.parse(input);
      const parsed = schema.parse(input);
      return { ok: true, data: await run(parsed, staff) };
    } catch (error) {
      return { ok: false, error: actionError(error) };
    }
  };
}

export function actionError(error: unknown): Extract<ActionResult<never>, { ok: false }>['error'] {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of toFieldIssues(error)) (fieldErrors[issue.path] ??= []).push(issue.message);
    return { code: 'invalid_input', message: 'Check the highlighted fields', fieldErrors };
  }
  if (error instanceof AppError) return { code: error.code, message: error.userMessage };
  // Next's redirect()/notFound() work by throwing; they must keep propagating.
  if (error && typeof error === 'object' && 'digest' in error && String((error as { digest: unknown }).digest).startsWith('NEXT_')) throw error;
  const requestId = randomUUID();
  console.error(`[${requestId}] staff action failed`, error);
  return { code: 'internal_error', message: `Something went wrong on our side (reference ${requestId.slice(0, 8)}).` };
}
