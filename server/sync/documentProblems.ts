// zod's findings about a document, as the problems of a refusal: where (`rows[3].newDocumentState.hlc`)
// and what, in words a developer of a desk can act on.
import type { z } from 'zod';
import { isStorableText } from '../../shared/schema/records';
import type { SyncProblem } from '../../shared/schema/syncContract';

export const MAX_PROBLEMS = 50;

export function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) text += text === '' ? String(key) : `.${String(key)}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** One problem per zod issue, under `prefix` (the place of the document in the request). */
export function problemsOfIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], index?: number): SyncProblem[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    const message = isMissing(issue)
      ? `required field${field ? ` "${String(issue.path[issue.path.length - 1])}"` : ''} is missing`
      : issue.message;
    return { path: pathText(path), message, ...(index === undefined ? {} : { index }), ...(field === undefined ? {} : { field }) };
  });
}

/**
 * A field that is not there, as opposed to one of the wrong type. zod keeps the input in an
 * issue only when asked (`reportInput`); without it, its own words say what it received.
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code !== 'invalid_type') return false;
  return 'input' in issue ? issue.input === undefined : issue.message.endsWith('received undefined');
}

/** "rows[3].newDocumentState.hlc: must be … (and 2 more mistakes)". */
export function summaryOf(problems: readonly SyncProblem[]): string {
  const first = problems[0];
  if (!first) return 'the request was refused';
  const more = problems.length - 1;
  return `${first.path === '' ? '' : `${first.path}: `}${first.message}${more > 0 ? ` (and ${more} more ${more === 1 ? 'mistake' : 'mistakes'})` : ''}`;
}

/**
 * PostgreSQL's jsonb cannot hold the NUL character (U+0000), nor half of a UTF-16 surrogate
 * pair (JSON's "\ud800" alone): a document with either would fail the write as a server
 * error, so it is refused up front, naming the field it is in. (Named for NUL, found first;
 * an unpaired surrogate fails the write the same way.)
 */
export function fieldWithNul(record: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(record)) if (!isStorableText(key) || holdsNul(value)) return key;
  return null;
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return !isStorableText(value);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, inner]) => !isStorableText(key) || holdsNul(inner));
  return false;
}

export const NUL_MESSAGE = 'text cannot contain the NUL character (U+0000) or half of a surrogate pair (an unpaired \\uD800–\\uDFFF)';
