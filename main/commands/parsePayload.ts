// Every command validates its own payload with the shared schema before it reads anything:
// bad input is refused with `invalid-input` and the fields at fault, and changes nothing.
import type { z } from 'zod';
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';

export type Parsed<T> = { ok: true; value: T } | Refusal<'invalid-input'>;

export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`);
  return refuse('invalid-input', issues);
}
