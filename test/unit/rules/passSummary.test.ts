// A pass summary must give exactly the state the entries give, however the entries were split
// between summaries, merged, stored and added to afterwards: a new desk starts from the
// endpoint's summaries and adds what arrives later; a desk's start reads its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPassState, passStateFromTally, tallyOfSummary } from '../../../shared/rules/passState';
import { PassSummary, summarizeByPass, summarizeEntries } from '../../../shared/rules/passSummary';
import { passSummarySchema } from '../../../shared/schema/records';
import type { LedgerEntry } from '../../../shared/schema/records';
import type { GeneratedLedger } from './build';
import { aCheckIn, anExpiryOverride, anUndo, aUsesOverride, aRevoke, passLedgerArb, propertyRuns, shuffledWithDuplicates, stampAt } from './build';

const stateOf = (ledger: GeneratedLedger, summary: PassSummary) =>
  passStateFromTally(tallyOfSummary(ledger.pass, ledger.bookings, summary), ledger.zone, ledger.nowMs);
const fold = (ledger: GeneratedLedger) => foldPassState(ledger.pass, ledger.bookings, ledger.entries, ledger.zone, ledger.nowMs);

/** Any split of the entries into parts (each part in any order, with repeats across parts). */
const splitArb = passLedgerArb.chain((ledger) => fc.record({
  ledger: fc.constant(ledger),
  delivered: shuffledWithDuplicates(ledger.entries),
  cuts: fc.array(fc.nat({ max: 40 }), { maxLength: 4 }),
}));

function parts<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => Math.min(cut, items.length)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const point of [...points, items.length]) {
    out.push(items.slice(from, point));
    from = point;
  }
  return out;
}

describe('pass summaries (properties)', () => {
  it('a summary of the entries gives the state of the fold', () => {
    fc.assert(fc.property(passLedgerArb, (ledger) => {
      expect(stateOf(ledger, summarizeEntries(ledger.entries))).toEqual(fold(ledger));
    }), propertyRuns);
  });

  it('summaries of any parts, merged in any order, give the state of the whole', () => {
    fc.assert(fc.property(splitArb, ({ ledger, delivered, cuts }) => {
      const summaries = parts(delivered, cuts).map((part) => summarizeEntries(part));
      const forward = new PassSummary();
      for (const summary of summaries) forward.merge(summary);
      const backward = new PassSummary();
      for (const summary of [...summaries].reverse()) backward.merge(summary);
      expect(stateOf(ledger, forward)).toEqual(fold(ledger));
      expect(stateOf(ledger, backward)).toEqual(fold(ledger));
    }), propertyRuns);
  });

  it('a stored summary (its record, through the schema) plus later entries gives the state of the whole', () => {
    fc.assert(fc.property(splitArb, ({ ledger, delivered, cuts }) => {
      const [earlier = [], ...later] = parts(delivered, cuts);
      const record = passSummarySchema.parse(JSON.parse(JSON.stringify(summarizeEntries(earlier).toRecord(ledger.pass.id))));
      const restored = PassSummary.fromRecord(record);
      for (const entry of later.flat()) restored.add(entry);
      // Entries already in the stored summary, added again, change nothing.
      for (const entry of earlier) restored.add(entry);
      expect(stateOf(ledger, restored)).toEqual(fold(ledger));
    }), propertyRuns);
  });
});

describe('pass summaries (cases)', () => {
  it('keeps an undo that arrives before its check-in: the check-in never counts', () => {
    const checkIn = aCheckIn({ at: '2026-02-02T10:00:00Z' });
    const summary = summarizeEntries([anUndo(checkIn), checkIn, checkIn]);
    expect(summary.charged.size).toBe(0);
    expect([...summary.undone]).toEqual([checkIn.id]);
  });

  it('says whether an entry changed it (the same entry twice: once)', () => {
    const summary = new PassSummary();
    const entries: LedgerEntry[] = [aCheckIn(), anExpiryOverride({ kind: 'relative', days: 44 }), aUsesOverride(22), aRevoke()];
    expect(entries.map((entry) => summary.add(entry))).toEqual([true, true, true, true]);
    expect(entries.map((entry) => summary.add(entry))).toEqual([false, false, false, false]);
  });

  it('an attendance-only check-in is not a use', () => {
    expect(summarizeEntries([aCheckIn({ charged: false })]).charged.size).toBe(0);
  });

  it('splits entries by pass and leaves out those with none', () => {
    const byPass = summarizeByPass([aCheckIn({ passId: 'x1' }), aCheckIn({ passId: 'x2' }), aCheckIn({ passId: '', charged: false })]);
    expect([...byPass.keys()].sort()).toEqual(['x1', 'x2']);
  });

  it('refuses a record that is not a summary, naming the field', () => {
    const result = passSummarySchema.safeParse({ passId: 'x1', charged: [['c1', 'yesterday']], undone: [], expiryOverride: null, usesOverride: null, revoked: false });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['charged', 0, 1]);
  });
});

// The conflict rule's one question about a summary (main/sync/ledgerHistoryGuard.ts): may this
// entry be one the summary already holds? Only then is the pass's history read to compare it.
describe('a pass summary says whether it may hold an entry already', () => {
  const counted = aCheckIn({ id: 'counted' });
  const undoneCheckIn = aCheckIn({ id: 'undone' });
  const earlierUses = aUsesOverride(5, { hlc: stampAt('2026-02-01T10:00:00Z') });
  const laterUses = aUsesOverride(6, { hlc: stampAt('2026-02-02T10:00:00Z') });
  const summary = summarizeEntries([counted, undoneCheckIn, anUndo(undoneCheckIn), laterUses]);
  it.each<[string, LedgerEntry, boolean]>([
    ['a charged check-in it counted', counted, true],
    ['a charged check-in it knows undone', undoneCheckIn, true],
    ['a new charged check-in', aCheckIn({ id: 'new' }), false],
    ['an attendance-only check-in (it leaves no mark)', aCheckIn({ id: 'attendance', charged: false }), true],
    ['the undo it made', anUndo(undoneCheckIn), true],
    ['an undo of a check-in it counts', anUndo(counted), false],
    ['the winning override, or an earlier one', earlierUses, true],
    ['an override later than the winning one', aUsesOverride(7, { hlc: stampAt('2026-02-03T10:00:00Z') }), false],
    ['an override of a kind it has none of', anExpiryOverride({ kind: 'relative', days: 30 }), false],
    ['a revocation of a pass not revoked', aRevoke(), false],
  ])('%s', (_, entry, expected) => {
    expect(summary.mayHold(entry)).toBe(expected);
  });
  it('a revoked pass may hold its revocation', () => {
    expect(summarizeEntries([aRevoke()]).mayHold(aRevoke({ id: 'another' }))).toBe(true);
  });
});
