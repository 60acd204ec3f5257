import { describe, expect, it } from 'vitest';
import { checkInsToGiveBack, doubleCheckInsAcrossDesks } from '../../../shared/rules/mergeReview';
import { aCheckIn, anAttendanceOnlyCheckIn, anUndo, aUsesOverride, stampAt } from './build';

describe('the review list after a merge: the same customer checked in to one occasion by two desks', () => {
  const a = aCheckIn({ id: 'a', deskId: 'A', customerId: 'c1', sessionId: 's1', hlc: '000000000000001:000000:A' });
  const b = aCheckIn({ id: 'b', deskId: 'B', customerId: 'c1', sessionId: 's1', hlc: '000000000000002:000000:B' });

  it.each([
    ['two desks, one session', [a, b], new Set<string>(), [['a', 'b']]],
    ['one desk twice (it was warned and confirmed)', [a, { ...b, deskId: 'A' }], new Set<string>(), []],
    ['two desks, different sessions', [a, { ...b, sessionId: 's2' }], new Set<string>(), []],
    ['two desks, one of them undone', [a, b], new Set(['b']), []],
    ['two desks, two customers', [a, { ...b, customerId: 'c2' }], new Set<string>(), []],
    ['walk-ins of two desks on one venue day', [{ ...a, sessionId: '' }, { ...b, sessionId: '' }], new Set<string>(), [['a', 'b']]],
    ['walk-ins of two desks on two venue days', [{ ...a, sessionId: '' }, { ...b, sessionId: '', venueDay: '2099-01-01' }], new Set<string>(), []],
  ])('%s', (_title, checkIns, undone, expected) => {
    expect(doubleCheckInsAcrossDesks(checkIns, undone).map((found) => found.checkIns.map((entry) => entry.id))).toEqual(expected);
  });

  it('lists them in clock order whatever the order they arrived in', () => {
    expect(doubleCheckInsAcrossDesks([b, a], new Set())[0]!.checkIns.map((entry) => entry.id)).toEqual(['a', 'b']);
  });
});

describe('the review list after a merge: the check-ins an overdrawn pass could give back', () => {
  // A one-use pass, used by desk A, then by desk B while both were offline, then by A again.
  const at = (hhmm: string) => `2026-02-01T${hhmm}:00Z`;
  const first = aCheckIn({ id: 'first', deskId: 'A', at: at('09:00'), hlc: stampAt(at('09:00'), { desk: 'A' }) });
  const second = aCheckIn({ id: 'second', deskId: 'B', at: at('09:05'), hlc: stampAt(at('09:05'), { desk: 'B' }) });
  const third = aCheckIn({ id: 'third', deskId: 'A', at: at('09:10'), hlc: stampAt(at('09:10'), { desk: 'A' }) });
  const none = () => false;

  it.each([
    ['overdrawn by 1: the two latest, either can be given back', [first, second, third], none, 1, ['second', 'third']],
    ['overdrawn by 2: the three latest', [first, second, third], none, 2, ['first', 'second', 'third']],
    ['more asked for than there are: all there are', [second, third], none, 5, ['second', 'third']],
    ['not overdrawn: nothing', [first, second, third], none, 0, []],
    ['an undone check-in gave its use back already', [first, second, third], (id: string) => id === 'third', 1, ['first', 'second']],
    ['attendance of a booking redeemed nothing here', [first, anAttendanceOnlyCheckIn({ id: 'booked', at: at('09:20') }), second], none, 1, ['first', 'second']],
    ['other entries of the pass are not check-ins', [first, second, aUsesOverride(1, { at: at('09:30') }), anUndo(first, { at: at('09:31') })], none, 1, ['first', 'second']],
    ['in clock order whatever the order they arrived in', [third, first, second], none, 1, ['second', 'third']],
  ])('%s', (_title, entries, isUndone, overdrawnBy, expected) => {
    expect(checkInsToGiveBack(entries, isUndone, overdrawnBy).map((entry) => entry.id)).toEqual(expected);
  });
});
