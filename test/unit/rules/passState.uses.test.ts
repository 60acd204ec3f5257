// SPEC "Uses" and FORMAT.md "A pass's state": total, used, remaining, overdrawnBy, status.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../shared/schema/records';
import {
  aBooking, aCheckIn, anAttendanceOnlyCheckIn, anUndo, aPass, aRevoke, aUsesOverride,
  checkInsOnConsecutiveDays, stateOf,
} from './build';

describe('used counts bookings paid with the pass and charged check-ins not undone', () => {
  it.each([
    { rule: 'a pass never used has used 0', bookings: 0, charged: 0, attendanceOnly: 0, undone: 0, used: 0 },
    { rule: 'a booking paid with the pass counts', bookings: 1, charged: 0, attendanceOnly: 0, undone: 0, used: 1 },
    { rule: 'a charged check-in counts', bookings: 0, charged: 1, attendanceOnly: 0, undone: 0, used: 1 },
    { rule: 'bookings and charged check-ins add up', bookings: 2, charged: 3, attendanceOnly: 0, undone: 0, used: 5 },
    { rule: 'an attendance-only check-in (charged: false) does not count', bookings: 1, charged: 0, attendanceOnly: 1, undone: 0, used: 1 },
    { rule: 'an undone check-in does not count', bookings: 0, charged: 2, attendanceOnly: 0, undone: 1, used: 1 },
    { rule: 'undoing every check-in gives every use back', bookings: 0, charged: 3, attendanceOnly: 0, undone: 3, used: 0 },
  ])('$rule', ({ bookings, charged, attendanceOnly, undone, used }) => {
    const checkIns = checkInsOnConsecutiveDays(charged);
    const entries: LedgerEntry[] = [
      ...checkIns,
      ...checkIns.slice(0, undone).map((checkIn) => anUndo(checkIn)),
      ...Array.from({ length: attendanceOnly }, () => anAttendanceOnlyCheckIn()),
    ];
    const state = stateOf(aPass(), { bookings: Array.from({ length: bookings }, () => aBooking()), entries });
    expect(state.used).toBe(used);
    expect(state.remaining).toBe(10 - used);
  });

  it('undoing an attendance-only check-in gives nothing back: nothing was taken', () => {
    const attendance = anAttendanceOnlyCheckIn();
    const state = stateOf(aPass(), { bookings: [aBooking()], entries: [attendance, anUndo(attendance)] });
    expect(state.used).toBe(1);
  });

  it('the same booking or check-in delivered twice counts once', () => {
    const booking = aBooking();
    const checkIn = aCheckIn();
    const state = stateOf(aPass(), { bookings: [booking, booking], entries: [checkIn, checkIn] });
    expect(state.used).toBe(2);
  });
});

describe('remaining = total − used (null when unlimited), overdrawnBy = used − total when below zero', () => {
  it.each([
    { rule: 'a 10-use pass used 3 times has 7 left', uses: 10, used: 3, total: 10, remaining: 7, overdrawnBy: 0, status: 'active' },
    { rule: 'an unlimited pass has remaining null and is never used up', uses: null, used: 3, total: null, remaining: null, overdrawnBy: 0, status: 'active' },
    { rule: 'a pass with every use taken is used up', uses: 2, used: 2, total: 2, remaining: 0, overdrawnBy: 0, status: 'used-up' },
    { rule: 'two desks used the last use: overdrawn by 1', uses: 2, used: 3, total: 2, remaining: -1, overdrawnBy: 1, status: 'overdrawn' },
    { rule: 'overdrawn by N is used − total', uses: 2, used: 5, total: 2, remaining: -3, overdrawnBy: 3, status: 'overdrawn' },
  ])('$rule', ({ uses, used, total, remaining, overdrawnBy, status }) => {
    const state = stateOf(aPass({ terms: { uses } }), { entries: checkInsOnConsecutiveDays(used) });
    expect(state).toMatchObject({ total, used, remaining, overdrawnBy, status });
  });
});

describe('a uses override sets the total the pass started with', () => {
  it.each([
    { rule: 'the override replaces the product total', uses: 23, overrides: [22], used: 5, total: 22, remaining: 17 },
    { rule: 'on an unlimited pass it sets a limit', uses: null, overrides: [5], used: 2, total: 5, remaining: 3 },
    { rule: 'a total equal to used leaves nothing: used up', uses: 10, overrides: [4], used: 4, total: 4, remaining: 0 },
    { rule: 'of two overrides the later (by hybrid logical clock) wins', uses: 10, overrides: [12, 8], used: 1, total: 8, remaining: 7 },
  ])('$rule', ({ uses, overrides, used, total, remaining }) => {
    const entries = [
      ...checkInsOnConsecutiveDays(used),
      ...overrides.map((t, i) => aUsesOverride(t, { at: `2026-02-0${i + 2}T09:00:00Z` })),
    ];
    expect(stateOf(aPass({ terms: { uses } }), { entries })).toMatchObject({ total, used, remaining });
  });

  it('the later override wins whatever order the entries arrive in', () => {
    const earlier = aUsesOverride(12, { at: '2026-02-02T09:00:00Z', deskId: 'B' });
    const later = aUsesOverride(8, { at: '2026-02-03T09:00:00Z', deskId: 'A' });
    expect(stateOf(aPass(), { entries: [later, earlier] }).total).toBe(8);
    expect(stateOf(aPass(), { entries: [earlier, later] }).total).toBe(8);
  });
});

describe('status is the first that applies: revoked, expired, overdrawn, used-up, active', () => {
  // A 2-use pass; "expired" = fixed expiry 2026-01-31 judged on 2026-02-10.
  it.each([
    { revoked: true, expired: true, checkIns: 3, status: 'revoked' },
    { revoked: true, expired: false, checkIns: 2, status: 'revoked' },
    { revoked: true, expired: false, checkIns: 0, status: 'revoked' },
    { revoked: false, expired: true, checkIns: 3, status: 'expired' },
    { revoked: false, expired: true, checkIns: 2, status: 'expired' },
    { revoked: false, expired: true, checkIns: 0, status: 'expired' },
    { revoked: false, expired: false, checkIns: 3, status: 'overdrawn' },
    { revoked: false, expired: false, checkIns: 2, status: 'used-up' },
    { revoked: false, expired: false, checkIns: 1, status: 'active' },
  ])('revoked=$revoked expired=$expired used=$checkIns of 2 → $status', ({ revoked, expired, checkIns, status }) => {
    const pass = aPass({ terms: { uses: 2, expiry: expired ? { kind: 'fixed', date: '2026-01-31' } : { kind: 'none' } } });
    const entries = [...checkInsOnConsecutiveDays(checkIns), ...(revoked ? [aRevoke({ at: '2026-01-20T10:00:00Z' })] : [])];
    const state = stateOf(pass, { entries, at: '2026-02-10T12:00:00Z' });
    expect(state.status).toBe(status);
    expect(state.revoked).toBe(revoked);
    expect(state.expired).toBe(expired);
  });
});

describe('a revocation is final', () => {
  it.each([
    { rule: 'a later uses override does not bring it back', later: () => aUsesOverride(20, { at: '2026-02-05T10:00:00Z' }) },
    { rule: 'an undo of a check-in does not bring it back', later: () => anUndo(aCheckIn(), { at: '2026-02-05T10:00:00Z' }) },
    { rule: 'a second revocation changes nothing', later: () => aRevoke({ at: '2026-02-05T10:00:00Z', deskId: 'B' }) },
  ])('$rule', ({ later }) => {
    const state = stateOf(aPass(), { entries: [aRevoke({ at: '2026-02-01T10:00:00Z' }), later()] });
    expect(state.status).toBe('revoked');
  });

  it('a revoked pass keeps its total and uses (it stays visible in the overview)', () => {
    const state = stateOf(aPass({ terms: { uses: 5 } }), { entries: [aRevoke({ at: '2026-01-06T10:00:00Z' })] });
    expect(state).toMatchObject({ status: 'revoked', total: 5, used: 0, remaining: 5 });
  });
});
