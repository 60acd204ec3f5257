// SPEC "Expiry", "Uses", "Revoking": the number staff enter is the whole thing (30 + 14 is
// entered as 44; 23 with 5 used, one more taken away, is entered as 22); a total below the
// uses already redeemed is refused; overrides of a revoked pass are refused.
import { describe, expect, it } from 'vitest';
import {
  expiresOnAfterOverride, extendExpiryBy, previewExpiryOverride, previewUsesOverride, refuseExpiryOverride, refuseUsesOverride,
} from '../../../shared/rules/overrides';
import { tallyPass } from '../../../shared/rules/passState';
import { instantMs } from '../../../shared/rules/venueTime';
import type { PassTerms } from '../../../shared/schema/records';
import { LONDON, aCheckIn, anExpiryOverride, aPass, aUsesOverride, checkInsOnConsecutiveDays, stateOf } from './build';

describe('the seed\'s worked examples', () => {
  it('30 + 14 entered as 44', () => {
    const pass = aPass({ terms: { uses: 10, expiry: { kind: 'relative', days: 30 } } });
    const firstUse = aCheckIn({ at: '2026-02-01T18:30:00Z', sessionId: '' });

    const before = stateOf(pass, { entries: [firstUse], at: '2026-02-20T12:00:00Z' });
    expect(before).toMatchObject({ firstUseOn: '2026-02-01', expiresOn: '2026-03-03', remaining: 9 });

    const override = extendExpiryBy(pass.terms.expiry, 14);
    expect(override).toEqual({ kind: 'relative', days: 44 });

    // The screen shows the result before saving ...
    const preview = previewExpiryOverride(tallyPass(pass, [], [firstUse]), override!, LONDON, instantMs('2026-02-20T12:00:00Z'));
    expect(preview.expiresOn).toBe('2026-03-17');
    expect(expiresOnAfterOverride(override!, '2026-02-01')).toBe('2026-03-17');

    // ... and the saved override gives the same.
    const entries = [firstUse, anExpiryOverride(override!, { at: '2026-02-20T12:00:00Z', reason: 'summer holiday' })];
    expect(stateOf(pass, { entries, at: '2026-03-10T12:00:00Z' })).toMatchObject({ status: 'active', expiresOn: '2026-03-17', firstUseOn: '2026-02-01' });
    expect(stateOf(pass, { entries, at: '2026-03-17T23:30:00Z' }).status).toBe('active');
    expect(stateOf(pass, { entries, at: '2026-03-18T12:00:00Z' }).status).toBe('expired');
  });

  it('23 with 5 used, one more taken away, entered as 22', () => {
    const pass = aPass({ terms: { uses: 23, expiry: { kind: 'none' } } });
    const fiveUses = checkInsOnConsecutiveDays(5);

    const before = stateOf(pass, { entries: fiveUses, at: '2026-01-15T09:00:00Z' });
    expect(before).toMatchObject({ total: 23, used: 5, remaining: 18 });

    expect(refuseUsesOverride(before, 22)).toBeNull();
    const preview = previewUsesOverride(tallyPass(pass, [], fiveUses), 22, LONDON, instantMs('2026-01-15T09:00:00Z'));
    expect(preview).toMatchObject({ total: 22, used: 5, remaining: 17 });

    const entries = [...fiveUses, aUsesOverride(22, { at: '2026-01-15T09:00:00Z', reason: 'attended without booking' })];
    const after = stateOf(pass, { entries, at: '2026-01-15T09:02:00Z' });
    expect(after).toMatchObject({ status: 'active', total: 22, used: 5, remaining: 17 });

    expect(refuseUsesOverride(after, 4)).toBe('total-below-used');
  });
});

describe('uses override refusals', () => {
  it.each([
    { rule: 'a total above the uses redeemed is allowed', revoked: false, used: 5, total: 22, refusal: null },
    { rule: 'a total equal to the uses redeemed is allowed', revoked: false, used: 5, total: 5, refusal: null },
    { rule: 'a total of 0 on an unused pass is allowed', revoked: false, used: 0, total: 0, refusal: null },
    { rule: 'a total one below the uses redeemed is refused', revoked: false, used: 5, total: 4, refusal: 'total-below-used' },
    { rule: 'a total of 0 on a used pass is refused', revoked: false, used: 1, total: 0, refusal: 'total-below-used' },
    { rule: 'a revoked pass is refused, even for a valid total', revoked: true, used: 0, total: 10, refusal: 'pass-revoked' },
    { rule: 'a revoked pass is refused first, before the total is judged', revoked: true, used: 5, total: 4, refusal: 'pass-revoked' },
  ])('$rule', ({ revoked, used, total, refusal }) => {
    expect(refuseUsesOverride({ revoked, used }, total)).toBe(refusal);
  });
});

describe('expiry override refusals', () => {
  it.each([
    { revoked: false, refusal: null },
    { revoked: true, refusal: 'pass-revoked' },
  ])('revoked=$revoked → $refusal', ({ revoked, refusal }) => {
    expect(refuseExpiryOverride({ revoked })).toBe(refusal);
  });
});

describe('"extend by N days" gives the override to save', () => {
  it.each([
    { rule: 'relative 30 extended by 14 is relative 44 (the whole timeframe)', expiry: { kind: 'relative', days: 30 }, by: 14, result: { kind: 'relative', days: 44 } },
    { rule: 'relative 44 extended by 14 more is 58', expiry: { kind: 'relative', days: 44 }, by: 14, result: { kind: 'relative', days: 58 } },
    { rule: 'fixed 2026-06-30 extended by 14 is 2026-07-14', expiry: { kind: 'fixed', date: '2026-06-30' }, by: 14, result: { kind: 'fixed', date: '2026-07-14' } },
    { rule: 'fixed across the London DST change: calendar days', expiry: { kind: 'fixed', date: '2026-03-20' }, by: 14, result: { kind: 'fixed', date: '2026-04-03' } },
    { rule: 'fixed across a year end', expiry: { kind: 'fixed', date: '2026-12-25' }, by: 7, result: { kind: 'fixed', date: '2027-01-01' } },
    { rule: 'no expiry: nothing to extend', expiry: { kind: 'none' }, by: 14, result: null },
  ] as { rule: string; expiry: PassTerms['expiry']; by: number; result: unknown }[])('$rule', ({ expiry, by, result }) => {
    expect(extendExpiryBy(expiry, by)).toEqual(result);
  });
});

describe('the preview is what saving gives', () => {
  it.each([
    { rule: 'set total to 12 on a 10-use pass used 3 times', total: 12, expected: { total: 12, used: 3, remaining: 9, status: 'active' } },
    { rule: 'take away one use: total 9', total: 9, expected: { total: 9, used: 3, remaining: 6, status: 'active' } },
    { rule: 'set the total to the uses redeemed: used up', total: 3, expected: { total: 3, used: 3, remaining: 0, status: 'used-up' } },
  ])('$rule', ({ total, expected }) => {
    const pass = aPass();
    const used = checkInsOnConsecutiveDays(3);
    const now = '2026-02-10T12:00:00Z';
    expect(previewUsesOverride(tallyPass(pass, [], used), total, LONDON, instantMs(now))).toMatchObject(expected);
    expect(stateOf(pass, { entries: [...used, aUsesOverride(total, { at: now })], at: now })).toMatchObject(expected);
  });
});
