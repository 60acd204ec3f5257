// Issue 13: "a refused customer's fix buttons only where the fix would let them in" ("give back
// a use" was offered for a pass also not valid for the session).
import { describe, expect, it } from 'vitest';
import type { IneligibilityReason } from '../../../shared/rules/eligibility';
import { fixesForRefusal, fixesThatAdmit } from '../../../shared/rules/doorFixes';

describe('the fixes offered for a refused pass are those that would let the customer in', () => {
  it.each<[string, IneligibilityReason[], string[]]>([
    ['expired only: extend', ['expired'], ['extend']],
    ['no uses left only: give back a use', ['used-up'], ['give-back']],
    ['expired and no uses left: both, made together, admit', ['expired', 'used-up'], ['extend', 'give-back']],
    ['no uses left and not valid for the session: nothing the desk can do admits', ['used-up', 'not-valid-for-session'], []],
    ['expired and not valid for the session: none', ['expired', 'not-valid-for-session'], []],
    ['revoked and expired: a revoked pass is never usable again', ['revoked', 'expired'], []],
    ['not valid for the session only: none', ['not-valid-for-session'], []],
  ])('%s', (_name, reasons, fixes) => {
    expect(fixesThatAdmit(reasons)).toEqual(fixes);
  });

  it('a refusal\'s remedies list each admitting fix once, and none from passes no fix admits', () => {
    expect(fixesForRefusal([{ reasons: ['used-up', 'not-valid-for-session'] }, { reasons: ['revoked'] }])).toEqual([]);
    expect(fixesForRefusal([{ reasons: ['used-up'] }, { reasons: ['expired', 'used-up'] }, { reasons: ['used-up', 'not-valid-for-session'] }]))
      .toEqual(['give-back', 'extend']);
  });
});
