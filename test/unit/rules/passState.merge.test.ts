// SPEC "Offline and several desks": "every check-in counts after sync: no use is lost and
// none is counted twice"; overrides: "one deterministic winner is chosen (latest change by
// a hybrid logical clock, ties broken by desk id)"; "a revocation is final".
// The fold is a function of the *set* of entries: properties over any valid ledger.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPassState } from '../../../shared/rules/passState';
import type { LedgerEntry } from '../../../shared/schema/records';
import type { GeneratedLedger } from './build';
import { passLedgerArb, propertyRuns, shuffledWithDuplicates } from './build';

const fold = (ledger: GeneratedLedger, entries: readonly LedgerEntry[] = ledger.entries, bookings = ledger.bookings) =>
  foldPassState(ledger.pass, bookings, entries, ledger.zone, ledger.nowMs);

describe('the pass state fold over any valid ledger (properties)', () => {
  it('gives the same state for any order and any duplication of the same entries and bookings', () => {
    const arb = passLedgerArb.chain((ledger) => fc.record({
      ledger: fc.constant(ledger),
      entries: shuffledWithDuplicates(ledger.entries),
      bookings: shuffledWithDuplicates(ledger.bookings),
    }));
    fc.assert(
      fc.property(arb, ({ ledger, entries, bookings }) => {
        expect(fold(ledger, entries, bookings)).toEqual(fold(ledger));
        expect(fold(ledger, [...ledger.entries].reverse())).toEqual(fold(ledger));
      }),
      propertyRuns,
    );
  });

  it('counts every booking and every charged check-in not undone, once (no use lost, none counted twice)', () => {
    fc.assert(
      fc.property(passLedgerArb, (ledger) => {
        const undone = new Set(ledger.entries.flatMap((e) => (e.kind === 'undo-check-in' ? [e.checkInId] : [])));
        const charged = ledger.entries.filter((e) => e.kind === 'check-in' && e.charged && !undone.has(e.id));
        const state = fold(ledger);
        expect(state.used).toBe(ledger.bookings.length + charged.length);
        expect(state.remaining).toBe(state.total === null ? null : state.total - state.used);
        expect(state.overdrawnBy).toBe(state.total === null ? 0 : Math.max(0, state.used - state.total));
      }),
      propertyRuns,
    );
  });

  it('takes the override with the highest stamp and keeps a revocation', () => {
    fc.assert(
      fc.property(passLedgerArb, (ledger) => {
        const latest = <K extends LedgerEntry['kind']>(kind: K) =>
          ledger.entries.filter((e): e is Extract<LedgerEntry, { kind: K }> => e.kind === kind).sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
        const state = fold(ledger);
        expect(state.total).toBe(latest('uses-override')?.total ?? ledger.pass.terms.uses);
        expect(state.revoked).toBe(ledger.entries.some((e) => e.kind === 'revoke'));
        if (state.revoked) expect(state.status).toBe('revoked');
      }),
      propertyRuns,
    );
  });

  it('shuffledWithDuplicates delivers every item, some more than once (the test tool itself)', () => {
    const arb = fc.uniqueArray(fc.nat({ max: 20 }), { maxLength: 6 }).chain((xs) => fc.tuple(fc.constant(xs), shuffledWithDuplicates(xs)));
    fc.assert(
      fc.property(arb, ([xs, ys]) => {
        expect(new Set(ys)).toEqual(new Set(xs));
        expect(ys.length).toBeGreaterThanOrEqual(xs.length);
      }),
      propertyRuns,
    );
  });
});
