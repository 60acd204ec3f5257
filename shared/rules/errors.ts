// The closed set of refusal codes (FORMAT.md). A refused action is a value, never an
// exception; people's words for each code are in the renderer's catalogs, in every language.
import type { ImportProblemLine } from '../venue/importProblems';
import type { DeskNote } from './deskNotes';

export const errorCodes = [
  'invalid-input',
  'unknown-customer',
  'unknown-session',
  'unknown-pass',
  'unknown-check-in',
  'already-undone',
  'already-checked-in',
  'no-passes',
  'no-eligible-pass',
  'pass-revoked',
  'total-below-used',
  'no-venue',
  'venue-arriving',
  'endpoint-unreachable',
  'endpoint-refused',
  'storage-full',
  'storage-lost',
  'not-allowed',
  'wrong-pin',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * `problems`: what is wrong with a venue file or a CSV, line by line, as messages of the
 * catalog (shared/venue/importProblems.ts), said in the desk's language.
 * `note`: what main has to say beyond the code, as a code with parameters (./deskNotes.ts);
 * `details`: the technical part (an HTTP status, a network error), shown only behind a Details
 * disclosure, never in the sentence. The words for the code and the note are the renderer's
 * (shared/i18n/locales/*.json, `error.<code>` and `note.<code>`): main sends no sentences.
 */
export type Refusal<C extends ErrorCode = ErrorCode> = { ok: false; error: C; note?: DeskNote; details?: string; issues?: string[]; problems?: ImportProblemLine[] };

export function refuse<C extends ErrorCode>(error: C, issues?: string[]): Refusal<C> {
  return issues && issues.length > 0 ? { ok: false, error, issues } : { ok: false, error };
}
