// STYLE "Results and errors": a refused action is a value with a code from a closed union
// (FORMAT.md's codes), and people's words for it are made in one place: the renderer's catalogs.
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/rules/errors';
import { errorCodes, refuse } from '../../../shared/rules/errors';
import { wordsIn } from '../../../renderer/i18n/wordsIn';

const messageFor = (code: ErrorCode) => wordsIn('en-GB').refusalWords(code);

describe('refusal codes', () => {
  it.each([
    'unknown-customer', 'unknown-pass', 'unknown-check-in', 'already-undone', 'already-checked-in',
    'no-passes', 'no-eligible-pass', 'pass-revoked', 'total-below-used', 'invalid-input',
  ] as ErrorCode[])('FORMAT.md\'s %s is a code', (code) => {
    expect(errorCodes).toContain(code);
  });

  it.each([...errorCodes])('%s has a message for people', (code) => {
    expect(messageFor(code).trim().length).toBeGreaterThan(0);
  });

  it('every message is distinct', () => {
    expect(new Set(errorCodes.map(messageFor)).size).toBe(errorCodes.length);
  });
});

describe('refuse', () => {
  it.each([
    { issues: undefined, result: { ok: false, error: 'total-below-used' } },
    { issues: [], result: { ok: false, error: 'total-below-used' } },
    { issues: ['total: must be a whole number'], result: { ok: false, error: 'total-below-used', issues: ['total: must be a whole number'] } },
  ])('issues $issues → $result', ({ issues, result }) => {
    expect(refuse('total-below-used', issues)).toEqual(result);
  });
});
