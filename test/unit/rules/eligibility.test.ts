// SPEC "Which pass a check-in uses": the oldest eligible pass (earliest purchase, equal
// instants by id), not the soonest-expiring, not the newest; every reason per pass in
// FORMAT.md's order; the overview is newest first, exactly the reverse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PassCandidate, SessionCategory } from '../../../shared/rules/eligibility';
import {
  chooseOldestEligiblePass, compareNewestFirst, compareOldestFirst, ineligibilityOf, isValidForSession,
} from '../../../shared/rules/eligibility';
import type { LedgerEntry, Pass, PassTerms } from '../../../shared/schema/records';
import { aPass, aRevoke, checkInsOnConsecutiveDays, propertyRuns, stateOf } from './build';

const yoga: SessionCategory = { category: 'yoga' };
const walkIn: SessionCategory = null;
const NOW = '2026-03-10T07:56:00Z';

function candidate(pass: Pass, entries: LedgerEntry[] = []): PassCandidate<Pass> {
  return { pass, state: stateOf(pass, { entries, at: NOW }), terms: pass.terms };
}

function chosenId(candidates: PassCandidate<Pass>[], session: SessionCategory = yoga): string | null {
  const choice = chooseOldestEligiblePass(candidates, session);
  return choice.kind === 'redeem' ? choice.candidate.pass.id : null;
}

describe('a redemption takes the oldest eligible pass', () => {
  const yearPass = aPass({ id: 'x-old', purchasedAt: '2026-01-05T10:00:00Z', terms: { expiry: { kind: 'fixed', date: '2026-12-31' } } });
  const summerPass = aPass({ id: 'x-new', purchasedAt: '2026-03-01T10:00:00Z', terms: { expiry: { kind: 'fixed', date: '2026-06-30' } } });

  it.each([
    { rule: 'the oldest, not the one that expires soonest', passes: [summerPass, yearPass], chosen: 'x-old' },
    { rule: 'the oldest, not the newest', passes: [yearPass, summerPass], chosen: 'x-old' },
    {
      rule: 'equal purchase instants: the lower pass id',
      passes: [aPass({ id: 'x-b', purchasedAt: '2026-01-05T10:00:00Z' }), aPass({ id: 'x-a', purchasedAt: '2026-01-05T10:00:00Z' })],
      chosen: 'x-a',
    },
    {
      rule: 'equal instants written with different offsets are equal: the lower pass id',
      passes: [aPass({ id: 'x-a', purchasedAt: '2026-01-05T11:00:00+01:00' }), aPass({ id: 'x-b', purchasedAt: '2026-01-05T10:00:00Z' })],
      chosen: 'x-a',
    },
    {
      rule: 'purchase instant decides before id',
      passes: [aPass({ id: 'x-z', purchasedAt: '2026-01-05T09:59:59Z' }), aPass({ id: 'x-a', purchasedAt: '2026-01-05T10:00:00Z' })],
      chosen: 'x-z',
    },
  ])('$rule', ({ passes, chosen }) => {
    expect(chosenId(passes.map((p) => candidate(p)))).toBe(chosen);
  });

  it.each([
    { rule: 'skips an older revoked pass', older: [aRevoke({ at: '2026-02-01T10:00:00Z' })], olderTerms: {} },
    { rule: 'skips an older expired pass', older: [], olderTerms: { expiry: { kind: 'fixed', date: '2026-03-09' } } },
    { rule: 'skips an older used-up pass', older: checkInsOnConsecutiveDays(2), olderTerms: { uses: 2 } },
    { rule: 'skips an older pass not valid for the session', older: [], olderTerms: { validFor: ['spin'] } },
  ] as { rule: string; older: LedgerEntry[]; olderTerms: Partial<PassTerms> }[])('$rule and takes the next oldest', ({ older, olderTerms }) => {
    const oldest = aPass({ id: 'x-old', purchasedAt: '2026-01-05T10:00:00Z', terms: olderTerms });
    const next = aPass({ id: 'x-new', purchasedAt: '2026-03-01T10:00:00Z' });
    expect(chosenId([candidate(next), candidate(oldest, older)])).toBe('x-new');
  });

  it('a customer with no pass at all: no-passes', () => {
    expect(chooseOldestEligiblePass([], yoga)).toEqual({ kind: 'no-passes' });
  });
});

describe('eligibility: every reason that applies, in the order revoked, expired, used-up, not-valid-for-session', () => {
  it.each([
    { rule: 'an active pass valid for all events', revoked: false, expired: false, remaining: 3, validFor: 'all', session: yoga, reasons: [] },
    { rule: 'an unlimited pass is never used up', revoked: false, expired: false, remaining: null, validFor: 'all', session: yoga, reasons: [] },
    { rule: 'a revoked pass', revoked: true, expired: false, remaining: 3, validFor: 'all', session: yoga, reasons: ['revoked'] },
    { rule: 'an expired pass', revoked: false, expired: true, remaining: 3, validFor: 'all', session: yoga, reasons: ['expired'] },
    { rule: 'no uses left', revoked: false, expired: false, remaining: 0, validFor: 'all', session: yoga, reasons: ['used-up'] },
    { rule: 'an overdrawn pass has no uses left either', revoked: false, expired: false, remaining: -1, validFor: 'all', session: yoga, reasons: ['used-up'] },
    { rule: 'categories that include the session: valid', revoked: false, expired: false, remaining: 3, validFor: ['spin', 'yoga'], session: yoga, reasons: [] },
    { rule: 'categories that do not include the session', revoked: false, expired: false, remaining: 3, validFor: ['spin'], session: yoga, reasons: ['not-valid-for-session'] },
    { rule: 'a walk-in with no session can use a pass valid for all events', revoked: false, expired: false, remaining: 3, validFor: 'all', session: walkIn, reasons: [] },
    { rule: 'a walk-in with no session cannot use a pass for some categories', revoked: false, expired: false, remaining: 3, validFor: ['yoga'], session: walkIn, reasons: ['not-valid-for-session'] },
    { rule: 'revoked and expired', revoked: true, expired: true, remaining: 3, validFor: 'all', session: yoga, reasons: ['revoked', 'expired'] },
    { rule: 'expired and used up', revoked: false, expired: true, remaining: 0, validFor: 'all', session: yoga, reasons: ['expired', 'used-up'] },
    { rule: 'all four at once', revoked: true, expired: true, remaining: 0, validFor: ['spin'], session: yoga, reasons: ['revoked', 'expired', 'used-up', 'not-valid-for-session'] },
  ] as const)('$rule: $reasons', ({ revoked, expired, remaining, validFor, session, reasons }) => {
    const terms = { validFor: validFor === 'all' ? 'all' as const : [...validFor] };
    expect(ineligibilityOf({ revoked, expired, remaining }, terms, session)).toEqual(reasons);
  });

  it('from a real fold: a revoked, expired, used-up spin pass at a yoga session gives all four reasons', () => {
    const pass = aPass({ terms: { uses: 2, expiry: { kind: 'fixed', date: '2026-03-01' }, validFor: ['spin'] } });
    const entries = [...checkInsOnConsecutiveDays(2), aRevoke({ at: '2026-02-20T10:00:00Z' })];
    expect(chooseOldestEligiblePass([candidate(pass, entries)], yoga)).toEqual({
      kind: 'no-eligible-pass',
      passes: [{ passId: 'x1', reasons: ['revoked', 'expired', 'used-up', 'not-valid-for-session'] }],
    });
  });

  it('when no pass is eligible, the reasons are given per pass, oldest first', () => {
    const newest = aPass({ id: 'x-3', purchasedAt: '2026-03-01T10:00:00Z', terms: { validFor: ['spin'] } });
    const oldest = aPass({ id: 'x-1', purchasedAt: '2026-01-01T10:00:00Z' });
    const middle = aPass({ id: 'x-2', purchasedAt: '2026-02-01T10:00:00Z', terms: { expiry: { kind: 'fixed', date: '2026-03-01' } } });
    const choice = chooseOldestEligiblePass(
      [candidate(newest), candidate(oldest, [aRevoke({ passId: 'x-1' })]), candidate(middle)],
      yoga,
    );
    expect(choice).toEqual({
      kind: 'no-eligible-pass',
      passes: [
        { passId: 'x-1', reasons: ['revoked'] },
        { passId: 'x-2', reasons: ['expired'] },
        { passId: 'x-3', reasons: ['not-valid-for-session'] },
      ],
    });
  });

  it.each([
    { validFor: 'all' as const, session: yoga, valid: true },
    { validFor: 'all' as const, session: walkIn, valid: true },
    { validFor: ['yoga'], session: yoga, valid: true },
    { validFor: ['yoga'], session: walkIn, valid: false },
    { validFor: ['Yoga'], session: yoga, valid: false },
  ])('valid for $validFor at $session: $valid', ({ validFor, session, valid }) => {
    expect(isValidForSession(validFor, session)).toBe(valid);
  });
});

describe('the overview lists passes newest first: exactly the reverse of the order a check-in tries them', () => {
  const passes = [
    aPass({ id: 'x-b', purchasedAt: '2026-01-05T10:00:00Z' }),
    aPass({ id: 'x-new', purchasedAt: '2026-03-01T10:00:00Z' }),
    aPass({ id: 'x-a', purchasedAt: '2026-01-05T11:00:00+01:00' }),
    aPass({ id: 'x-old', purchasedAt: '2025-12-01T10:00:00Z' }),
  ];

  it('oldest first: purchase ascending, ties by id ascending; newest first: the reverse', () => {
    expect([...passes].sort(compareOldestFirst).map((p) => p.id)).toEqual(['x-old', 'x-a', 'x-b', 'x-new']);
    expect([...passes].sort(compareNewestFirst).map((p) => p.id)).toEqual(['x-new', 'x-b', 'x-a', 'x-old']);
  });

  it('for any passes, in any input order, newest first is exactly the reverse of oldest first (property)', () => {
    const passesArb = fc.uniqueArray(
      fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), minute: fc.nat({ max: 3 }) }),
      { selector: (p) => p.id, maxLength: 6 },
    ).map((rows) => rows.map(({ id, minute }) => ({ id, purchasedAt: `2026-01-05T10:0${minute}:00Z` })));
    fc.assert(
      fc.property(passesArb, (keys) => {
        const oldestFirst = [...keys].sort(compareOldestFirst).map((p) => p.id);
        const newestFirst = [...keys].sort(compareNewestFirst).map((p) => p.id);
        expect(newestFirst).toEqual([...oldestFirst].reverse());
      }),
      propertyRuns,
    );
  });
});

describe('the choice does not depend on the order candidates are given in (property)', () => {
  const candidateArb = fc.record({
    id: fc.constantFrom('x-a', 'x-b', 'x-c', 'x-d', 'x-e'),
    purchasedOnDay: fc.integer({ min: 1, max: 3 }),
    uses: fc.constantFrom(1, 2, null),
    used: fc.nat({ max: 2 }),
    revoked: fc.boolean(),
    expiresOn: fc.constantFrom(null, '2026-03-09', '2026-03-10', '2026-12-31'),
    validFor: fc.constantFrom<PassTerms['validFor']>('all', ['yoga'], ['spin']),
  }).map(({ id, purchasedOnDay, uses, used, revoked, expiresOn, validFor }) => {
    const pass = aPass({
      id,
      purchasedAt: `2026-01-0${purchasedOnDay}T10:00:00Z`,
      terms: { uses, validFor, expiry: expiresOn ? { kind: 'fixed', date: expiresOn } : { kind: 'none' } },
    });
    return candidate(pass, [...checkInsOnConsecutiveDays(used), ...(revoked ? [aRevoke({ passId: id })] : [])]);
  });

  it('chooseOldestEligiblePass gives the same result for any permutation of its candidates', () => {
    const scenarioArb = fc
      .record({
        candidates: fc.uniqueArray(candidateArb, { selector: (c) => c.pass.id, maxLength: 5 }),
        session: fc.constantFrom<SessionCategory>(yoga, { category: 'spin' }, walkIn),
      })
      .chain(({ candidates, session }) => fc.record({
        candidates: fc.constant(candidates),
        permuted: fc.shuffledSubarray(candidates, { minLength: candidates.length, maxLength: candidates.length }),
        session: fc.constant(session),
      }));
    fc.assert(
      fc.property(scenarioArb, ({ candidates, permuted, session }) => {
        expect(chooseOldestEligiblePass(permuted, session)).toEqual(chooseOldestEligiblePass(candidates, session));
        expect(chooseOldestEligiblePass([...candidates].reverse(), session)).toEqual(chooseOldestEligiblePass(candidates, session));
      }),
      propertyRuns,
    );
  });
});
