import { z } from 'zod';
import { findTextProblem, TEXT_PROBLEM_MESSAGES } from '@/lib/security/text-rules';

/** Deeper than any form of ours nests (takeCaseAction's input is two levels); more is a forged request. */
const MAX_DEPTH = 6;

/**
 * The boundary check every staff action input passes before its own schema: every string in it,
 * however deep, must pass the shared text rule (a NUL or a lone surrogate would otherwise fail in
 * Postgres, a 500), and it may not nest deeper than our forms do. Tab and newline are fine (notes
 * are multi-line); a data: URI is left to the field's own schema. Each refusal names its field.
 */
export const ZActionInputText = z.unknown().superRefine((input, ctx) => {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = findTextProblem(value, { multiLine: true });
      if (problem && problem !== 'data_uri') ctx.addIssue({ code: 'custom', path, message: `This ${TEXT_PROBLEM_MESSAGES[problem]}` });
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) {
        ctx.addIssue({ code: 'custom', path, message: 'Nested too deeply' });
        continue;
      }
      const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
      for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
    }
  }
});
