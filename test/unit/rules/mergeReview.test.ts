import { describe, expect, it } from 'vitest';
import { doubleCheckInsAcrossDesks } from '../../../shared/rules/mergeReview';
import { aCheckIn } from './build';

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
