// The renderer's pure parts, table-driven, without a browser: CSV quoting and formula
// safety, "last synced 2 min ago" from an injected clock, and the adjustment previews built
// on the shared rules (30 + 14 → 44; 23 with 5 used, take one → 22, 17 left). They run with
// the end-to-end suite because that is where the renderer's tests live.
import { expect, test } from '@playwright/test';
import { DateTime } from 'luxon';
import { csvCell, fileNamePart, toCsv } from '../../renderer/export/csv';
import { lastSyncedWords, initialSyncProgress } from '../../renderer/status/syncWords';
import { consequenceOf, stepUses } from '../../renderer/adjust/passAdjustment';
import type { Draft } from '../../renderer/adjust/passAdjustment';
import { attendanceCounts } from '../../renderer/attendees/attendance';
import { changeWords } from '../../renderer/customers/historyWords';
import { tallyPass, passStateFromTally } from '../../shared/rules/passState';
import type { Pass } from '../../shared/schema/records';
import { wordsIn } from '../../renderer/i18n/wordsIn';

const english = wordsIn('en-GB');

test.describe('CSV', () => {
  const cells: [unknown, string][] = [
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    [-1, '-1'],
    [0, '0'],
    [true, 'yes'],
    [false, 'no'],
    [null, ''],
    ['José Núñez', 'José Núñez'],
  ];
  for (const [value, cell] of cells) {
    test(`${JSON.stringify(value)} → ${cell}`, () => {
      expect(csvCell(value as never)).toBe(cell);
    });
  }
  test('rows end in CRLF, header first', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], ['=1', null]])).toBe('a,b\r\n1,"x,y"\r\n\'=1,\r\n');
  });
  test('file names', () => {
    expect(fileNamePart('18:30 Yoga flow — Núñez')).toBe('18-30-yoga-flow-nunez');
    expect(fileNamePart('???')).toBe('export');
  });
});

test.describe('last synced, from an injected clock', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const rows: [string | null, string][] = [
    [null, 'never'],
    ['2026-11-25T12:00:00Z', 'just now'],
    ['2026-11-25T11:59:01Z', 'just now'],
    ['2026-11-25T11:58:00Z', '2 min ago'],
    ['2026-11-25T11:01:00Z', '59 min ago'],
    ['2026-11-25T09:00:00Z', '3 hr ago'],
    ['2026-11-24T11:00:00Z', '1 day ago'],
    ['2026-11-20T12:00:00Z', '5 days ago'],
    ['2026-11-25T12:05:00Z', 'just now'], // the endpoint's clock ahead of the desk's
    ['not a date', 'never'],
  ];
  for (const [at, words] of rows) {
    test(`${at} → ${words}`, () => expect(lastSyncedWords(english, at, now)).toBe(words));
  }
  test('initial sync progress', () => {
    expect(initialSyncProgress(english, { stage: 'replication', done: 1200, total: 4800 })).toEqual({ words: 'First sync: 1,200 of 4,800 records', short: 'First sync: 1,200', fraction: 0.25 });
    expect(initialSyncProgress(english, { stage: 'replication', done: 10, total: null })).toEqual({ words: 'First sync: 10 records so far', short: 'First sync: 10', fraction: null });
    expect(initialSyncProgress(english, { stage: 'replication', done: 7527, total: 7525 })).toEqual({ words: 'First sync: 7,527 records, finishing', short: 'First sync: 7,527', fraction: 1 });
    expect(initialSyncProgress(english, { stage: 'door', done: 50_000, total: 200_000 })).toEqual({ words: 'Receiving the venue (the door opens when it is in): 50,000 of 200,000 records', short: 'Receiving the venue: 50,000', fraction: 0.25 });
    expect(initialSyncProgress(english, { stage: 'history', done: 3, total: null })).toEqual({ words: 'Ready. Past history arriving: 3 entries so far', short: 'Past history arriving: 3', fraction: null });
  });
});

test.describe('adjustment previews, by the shared rules', () => {
  const zone = 'Europe/London';
  const now = DateTime.fromISO('2026-11-25T12:00:00', { zone }).toMillis();
  const pass = (uses: number | null, expiry: Pass['terms']['expiry']): Pass => ({
    id: 'x', customerId: 'c', productId: 'p', productName: 'Pass', purchasedAt: '2026-10-01T09:00:00Z', code: '', terms: { uses, expiry, validFor: 'all' },
  });
  const bookings = (count: number, firstDay = '2026-11-15') => Array.from({ length: count }, (_, index) => ({
    id: `b${index}`, sessionId: `s${index}`, customerId: 'c', passId: 'x', bookedAt: `${firstDay}T08:00:00Z`,
  }));
  const ukDates = english.dateEntry();
  const subject = (p: Pass, used: number) => {
    const tally = tallyPass(p, bookings(used), []);
    return { tally, state: passStateFromTally(tally, zone, now) };
  };

  test('extend a 30-day pass by 14: the whole timeframe becomes 44, and the date moves with it', () => {
    const { tally, state } = subject(pass(10, { kind: 'relative', days: 30 }), 1);
    expect(state.expiresOn).toBe('2026-12-15');
    const outcome = consequenceOf({ kind: 'extend', days: '14' }, tally, state, zone, now, ukDates);
    expect(outcome).toMatchObject({ kind: 'expiry', override: { kind: 'relative', days: 44 }, sum: { from: 30, by: 14, to: 44 } });
    expect(outcome.kind === 'expiry' && outcome.after.expiresOn).toBe('2026-12-29');
  });

  test('23 with 5 used, take one away: total 22, 17 left', () => {
    const { tally, state } = subject(pass(23, { kind: 'none' }), 5);
    const draft = stepUses(null, state, -1)!;
    expect(draft).toEqual({ kind: 'uses', total: '22' });
    const outcome = consequenceOf(draft, tally, state, zone, now, ukDates);
    expect(outcome).toMatchObject({ kind: 'uses', total: 22, after: { total: 22, used: 5, remaining: 17 } });
    expect(stepUses(draft, state, -1)).toEqual({ kind: 'uses', total: '21' });
  });

  const refusals: [string, Draft, Pass['terms']['expiry'], number | null, boolean, RegExp][] = [
    ['a total below the uses redeemed', { kind: 'uses', total: '4' }, { kind: 'none' }, 23, false, /5 uses are already redeemed, so the total must be at least 5/],
    ['a revoked pass, uses', { kind: 'uses', total: '30' }, { kind: 'none' }, 23, true, /revoked/],
    ['a revoked pass, expiry', { kind: 'extend', days: '14' }, { kind: 'relative', days: 30 }, 23, true, /revoked/],
    ['extending a pass that never expires', { kind: 'extend', days: '14' }, { kind: 'none' }, 23, false, /never expires/],
    ['a timeframe past ten years', { kind: 'set-days', days: '4000' }, { kind: 'relative', days: 30 }, 23, false, /1 to 3,650 days/],
    ['not a number', { kind: 'uses', total: 'ten' }, { kind: 'none' }, 23, false, /whole number/],
    ['a date that is not one', { kind: 'fixed', date: '30/02/2026' }, { kind: 'none' }, 23, false, /Type the date as DD\/MM\/YYYY, for example 25\/12\/2026/],
  ];
  for (const [name, draft, expiry, uses, revoked, problem] of refusals) {
    test(`refused before saving: ${name}`, () => {
      const p = pass(uses, expiry);
      const tally = { ...tallyPass(p, bookings(5), []), revoked };
      const state = passStateFromTally(tally, zone, now);
      const outcome = consequenceOf(draft, tally, state, zone, now, ukDates);
      expect(outcome.kind).toBe('refused');
      expect(outcome.kind === 'refused' && english.t(outcome.problem.id, outcome.problem.values)).toMatch(problem);
    });
  }

  test('an empty field is not a refusal yet: it asks for the number', () => {
    const { tally, state } = subject(pass(23, { kind: 'none' }), 5);
    expect(consequenceOf({ kind: 'uses', total: '' }, tally, state, zone, now, ukDates)).toMatchObject({ kind: 'refused', incomplete: true, problem: { id: 'adjust.typeTotal' } });
  });

  test('an unlimited pass has no use to take away', () => {
    const { state } = subject(pass(null, { kind: 'none' }), 2);
    expect(stepUses(null, state, -1)).toBeNull();
  });
});

test('attendance counts', () => {
  const person = (id: string, booked: boolean, arrived: boolean) => ({
    customer: { id, name: id }, bookingId: booked ? `b-${id}` : null, checkInIds: arrived ? [`l-${id}`] : [], arrived, walkIn: !booked,
  });
  expect(attendanceCounts([person('a', true, true), person('b', true, false), person('c', false, true)]))
    .toEqual({ booked: 2, bookedArrived: 1, walkIns: 1, arrived: 2, notYetArrived: 1 });
});

test('history: only what changed, before → after', () => {
  const snap = (remaining: number, total = 23, status: 'active' | 'used-up' = 'active') => ({ status, total, used: total - remaining, remaining, expiresOn: null });
  expect(changeWords(english, { before: snap(18), after: { ...snap(17, 22), used: 5 } })).toBe('total 23 → 22 · 18 uses left → 17 uses left');
  expect(changeWords(english, { before: snap(1), after: snap(0, 23, 'used-up') })).toBe('active → used up · used 22 → 23 · 1 use left → no uses left');
  expect(changeWords(english, { before: snap(3), after: snap(3) })).toBe('no change to the pass');
});
