// SPEC "History and audit": every check-in, undo, expiry override, uses override and
// revocation is kept per pass: what changed (before → after), who, which desk, when,
// optional reason; never edited or lost, also across sync.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistorySnapshot } from '../../../shared/rules/passHistory';
import { passHistory } from '../../../shared/rules/passHistory';
import {
  LONDON, aBooking, aCheckIn, anAttendanceOnlyCheckIn, anExpiryOverride, anUndo, aPass, aRevoke, aUsesOverride,
  passLedgerArb, propertyRuns, shuffledWithDuplicates,
} from './build';

const pass = aPass({ purchasedAt: '2026-01-05T10:00:00Z', terms: { uses: 10, expiry: { kind: 'relative', days: 30 } } });
const booking = aBooking({ id: 'b1', bookedAt: '2026-01-20T09:00:00Z' });
const checkIn = aCheckIn({ id: 'ci', at: '2026-02-01T18:30:00Z', deskId: 'A', staff: 'sam' });
const undo = anUndo(checkIn, { id: 'undo', at: '2026-02-01T18:35:00Z', deskId: 'B', staff: 'kim', reason: 'wrong customer' });
const expiry = anExpiryOverride({ kind: 'relative', days: 44 }, { id: 'exp', at: '2026-02-02T10:00:00Z', reason: 'holiday' });
const uses = aUsesOverride(12, { id: 'uses', at: '2026-02-03T10:00:00Z', reason: 'goodwill' });
const revoke = aRevoke({ id: 'rev', at: '2026-02-04T10:00:00Z', reason: 'refunded' });
// Given newest first and scrambled: the history sorts them itself.
const history = passHistory(pass, [booking], [revoke, uses, undo, checkIn, expiry], LONDON);

const snap = (s: Partial<HistorySnapshot>): HistorySnapshot =>
  ({ status: 'active', total: 10, used: 0, remaining: 10, expiresOn: null, ...s });

describe('a pass history, oldest first, purchase first', () => {
  it('lists the kinds oldest first, whatever order the entries arrive in', () => {
    expect(history.map((item) => item.kind)).toEqual([
      'purchase', 'booking-redemption', 'check-in', 'undo-check-in', 'expiry-override', 'uses-override', 'revoke',
    ]);
  });

  it('puts the purchase first and gives it no "before"', () => {
    expect(history[0]).toMatchObject({ kind: 'purchase', id: 'x1', at: pass.purchasedAt, before: null, after: snap({}) });
  });

  it('puts the purchase first even when a redemption carries an earlier instant (platform clock skew)', () => {
    const skewed = aBooking({ id: 'b0', bookedAt: '2026-01-05T09:59:00Z' });
    expect(passHistory(pass, [skewed], [], LONDON).map((i) => i.kind)).toEqual(['purchase', 'booking-redemption']);
  });

  it.each([
    { kind: 'booking-redemption', before: snap({}), after: snap({ used: 1, remaining: 9, expiresOn: '2026-02-19' }) },
    { kind: 'check-in', before: snap({ used: 1, remaining: 9, expiresOn: '2026-02-19' }), after: snap({ used: 2, remaining: 8, expiresOn: '2026-02-19' }) },
    { kind: 'undo-check-in', before: snap({ used: 2, remaining: 8, expiresOn: '2026-02-19' }), after: snap({ used: 1, remaining: 9, expiresOn: '2026-02-19' }) },
    { kind: 'expiry-override', before: snap({ used: 1, remaining: 9, expiresOn: '2026-02-19' }), after: snap({ used: 1, remaining: 9, expiresOn: '2026-03-05' }) },
    { kind: 'uses-override', before: snap({ used: 1, remaining: 9, expiresOn: '2026-03-05' }), after: snap({ total: 12, used: 1, remaining: 11, expiresOn: '2026-03-05' }) },
    { kind: 'revoke', before: snap({ total: 12, used: 1, remaining: 11, expiresOn: '2026-03-05' }), after: snap({ status: 'revoked', total: 12, used: 1, remaining: 11, expiresOn: '2026-03-05' }) },
  ])('$kind: before → after', ({ kind, before, after }) => {
    const item = history.find((i) => i.kind === kind)!;
    expect(item.before).toEqual(before);
    expect(item.after).toEqual(after);
  });

  it.each([
    { kind: 'check-in', id: 'ci', deskId: 'A', staff: 'sam', reason: '', charged: true, sessionId: 's1' },
    { kind: 'undo-check-in', id: 'undo', deskId: 'B', staff: 'kim', reason: 'wrong customer', charged: null, sessionId: 's1' },
    { kind: 'expiry-override', id: 'exp', deskId: 'A', staff: 'sam', reason: 'holiday', charged: null, sessionId: null },
    { kind: 'revoke', id: 'rev', deskId: 'A', staff: 'sam', reason: 'refunded', charged: null, sessionId: null },
  ])('$kind keeps who, which desk, when and why', ({ kind, ...expected }) => {
    expect(history.find((i) => i.kind === kind)).toMatchObject(expected);
  });

  it.each([
    {
      rule: 'extending an expired pass: expired → active',
      change: anExpiryOverride({ kind: 'fixed', date: '2026-03-31' }, { at: '2026-03-01T10:00:00Z', reason: 'holiday' }),
      before: { status: 'expired', expiresOn: '2026-02-19' },
      after: { status: 'active', expiresOn: '2026-03-31' },
    },
    {
      rule: 'revoking an expired pass: expired → revoked',
      change: aRevoke({ at: '2026-03-01T10:00:00Z' }),
      before: { status: 'expired' },
      after: { status: 'revoked' },
    },
  ])('"before" is the pass as it was at the moment of the change: $rule', ({ change, before, after }) => {
    const fixedPass = aPass({ terms: { expiry: { kind: 'fixed', date: '2026-02-19' } } });
    const items = passHistory(fixedPass, [], [aCheckIn({ at: '2026-02-01T18:30:00Z' }), change], LONDON);
    expect(items.at(-1)).toMatchObject({ kind: change.kind, before, after });
  });

  it('the worked uses example: total 23 → 22 with 5 used leaves 17', () => {
    const pass23 = aPass({ terms: { uses: 23 } });
    const fiveUses = [10, 11, 12, 13, 14].map((d) => aCheckIn({ at: `2026-01-${d}T18:00:00Z` }));
    const items = passHistory(pass23, [], [...fiveUses, aUsesOverride(22, { at: '2026-01-15T09:00:00Z' })], LONDON);
    expect(items.at(-1)).toMatchObject({
      kind: 'uses-override',
      before: { total: 23, used: 5, remaining: 18 },
      after: { total: 22, used: 5, remaining: 17 },
    });
  });

  it('an attendance-only check-in is in the history but redeems nothing', () => {
    const items = passHistory(pass, [booking], [anAttendanceOnlyCheckIn({ at: '2026-01-25T18:00:00Z' })], LONDON);
    expect(items.map((i) => i.kind)).toEqual(['purchase', 'booking-redemption', 'check-in']);
    expect(items[2]).toMatchObject({ charged: false, before: { used: 1 }, after: { used: 1 } });
  });

  it('two offline desks both using the last use: every check-in is in the history, the last shows overdrawn', () => {
    const twoUses = aPass({ terms: { uses: 2 } });
    const entries = [
      aCheckIn({ at: '2026-01-20T18:00:00Z', deskId: 'A', sessionId: '' }),
      aCheckIn({ at: '2026-02-01T17:59:00Z', deskId: 'B', sessionId: 's2' }),
      aCheckIn({ at: '2026-02-01T17:58:00Z', deskId: 'A', sessionId: 's1' }),
    ];
    const items = passHistory(twoUses, [], entries, LONDON);
    expect(items.map((i) => i.kind)).toEqual(['purchase', 'check-in', 'check-in', 'check-in']);
    expect(items.map((i) => i.deskId)).toEqual([null, 'A', 'A', 'B']);
    expect(items.at(-1)?.after).toMatchObject({ status: 'overdrawn', used: 3, remaining: -1 });
  });

  it('two desks changing the same override offline: both changes stay in the history', () => {
    const byA = aUsesOverride(12, { at: '2026-02-03T10:00:00Z', deskId: 'A' });
    const byB = aUsesOverride(8, { at: '2026-02-03T10:05:00Z', deskId: 'B' });
    const items = passHistory(aPass(), [], [byB, byA], LONDON);
    expect(items.map((i) => [i.kind, i.deskId])).toEqual([['purchase', null], ['uses-override', 'A'], ['uses-override', 'B']]);
    expect(items.at(-1)?.after.total).toBe(8);
  });
});

describe('duplicated ledger entries appear once', () => {
  it('the same entries delivered twice give the same history', () => {
    const entries = [revoke, uses, undo, checkIn, expiry];
    expect(passHistory(pass, [booking], [...entries, ...entries, checkIn], LONDON)).toEqual(history);
  });

  it('for any ledger, any order and any duplication give the same history of the same length (property)', () => {
    const arb = passLedgerArb.chain((ledger) => fc.record({ ledger: fc.constant(ledger), delivered: shuffledWithDuplicates(ledger.entries) }));
    fc.assert(
      fc.property(arb, ({ ledger, delivered }) => {
        const once = passHistory(ledger.pass, ledger.bookings, ledger.entries, ledger.zone);
        const again = passHistory(ledger.pass, ledger.bookings, delivered, ledger.zone);
        expect(again).toHaveLength(1 + ledger.bookings.length + ledger.entries.length);
        expect(again).toEqual(once);
      }),
      { ...propertyRuns, numRuns: Math.min(propertyRuns.numRuns, 150) },
    );
  });
});
