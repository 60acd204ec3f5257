// SPEC "Expiry": none, fixed D, relative N days from first use (F + N); valid until the end
// of day D in the venue's zone; either override replaces the original settings and the
// other override (latest by hybrid logical clock wins, ties by desk id).
import { describe, expect, it } from 'vitest';
import type { ExpiryOverride } from '../../../shared/schema/records';
import {
  AUCKLAND, LONDON, LOS_ANGELES, aBooking, aCheckIn, anAttendanceOnlyCheckIn, anExpiryOverride, anUndo, aPass,
  atVenueTime, stampAt, stateOf,
} from './build';

const relative = (days: number): ExpiryOverride => ({ kind: 'relative', days });
const fixed = (date: string): ExpiryOverride => ({ kind: 'fixed', date });

describe('expiresOn follows the expiry rule', () => {
  it.each([
    { rule: 'no expiry: never a date', expiry: { kind: 'none' } as const, firstUseAt: '2026-02-01T18:30:00Z', expiresOn: null },
    { rule: 'fixed date D: D, even before first use', expiry: fixed('2026-06-30'), firstUseAt: null, expiresOn: '2026-06-30' },
    { rule: 'fixed date D: D after use too', expiry: fixed('2026-06-30'), firstUseAt: '2026-02-01T18:30:00Z', expiresOn: '2026-06-30' },
    { rule: 'relative, never used: no expiry date yet', expiry: relative(30), firstUseAt: null, expiresOn: null },
    { rule: 'relative 30, first use 2026-02-01: 2026-03-03 (F + N)', expiry: relative(30), firstUseAt: '2026-02-01T18:30:00Z', expiresOn: '2026-03-03' },
    { rule: 'relative 1 across a year end', expiry: relative(1), firstUseAt: '2026-12-31T12:00:00Z', expiresOn: '2027-01-01' },
    { rule: 'relative 1 into a leap day', expiry: relative(1), firstUseAt: '2028-02-28T12:00:00Z', expiresOn: '2028-02-29' },
    { rule: 'relative 30 across the spring DST change: calendar days, no shift', expiry: relative(30), firstUseAt: '2026-03-15T09:00:00Z', expiresOn: '2026-04-14' },
    { rule: 'relative 30 across the autumn DST change: calendar days, no shift', expiry: relative(30), firstUseAt: '2026-10-10T22:30:00Z', expiresOn: '2026-11-09' },
  ])('$rule', ({ expiry, firstUseAt, expiresOn }) => {
    const entries = firstUseAt ? [aCheckIn({ at: firstUseAt })] : [];
    expect(stateOf(aPass({ terms: { expiry } }), { entries, at: '2026-01-06T10:00:00Z' }).expiresOn).toBe(expiresOn);
  });
});

describe('firstUseOn is the venue day of the earliest redemption not undone', () => {
  const early = aCheckIn({ at: '2026-02-01T18:30:00Z' });
  const later = aCheckIn({ at: '2026-02-10T18:30:00Z' });
  it.each([
    { rule: 'never used: null', bookings: [], entries: [], firstUseOn: null, expiresOn: null },
    { rule: 'the earliest check-in, whatever order the entries arrive in', bookings: [], entries: [later, early], firstUseOn: '2026-02-01', expiresOn: '2026-03-03' },
    { rule: 'a booking paid with the pass is a use', bookings: [aBooking({ bookedAt: '2026-01-20T09:00:00Z' })], entries: [early], firstUseOn: '2026-01-20', expiresOn: '2026-02-19' },
    { rule: 'undoing the first check-in moves it to the next', bookings: [], entries: [early, later, anUndo(early)], firstUseOn: '2026-02-10', expiresOn: '2026-03-12' },
    { rule: 'undoing the only check-in leaves the pass unused again', bookings: [], entries: [early, anUndo(early)], firstUseOn: null, expiresOn: null },
    { rule: 'an attendance-only check-in is not a use', bookings: [], entries: [anAttendanceOnlyCheckIn({ at: '2026-01-25T18:00:00Z' }), later], firstUseOn: '2026-02-10', expiresOn: '2026-03-12' },
  ])('$rule', ({ bookings, entries, firstUseOn, expiresOn }) => {
    const state = stateOf(aPass({ terms: { expiry: relative(30) } }), { bookings, entries, at: '2026-02-11T10:00:00Z' });
    expect(state.firstUseOn).toBe(firstUseOn);
    expect(state.expiresOn).toBe(expiresOn);
  });

  it.each([
    { zone: AUCKLAND, at: '2026-02-01T12:30:00Z', firstUseOn: '2026-02-02', expiresOn: '2026-03-04', why: '01:30 the next morning in Auckland' },
    { zone: LOS_ANGELES, at: '2026-02-02T05:00:00Z', firstUseOn: '2026-02-01', expiresOn: '2026-03-03', why: '21:00 the evening before in Los Angeles' },
    { zone: LONDON, at: '2026-06-30T23:30:00Z', firstUseOn: '2026-07-01', expiresOn: '2026-07-31', why: '00:30 BST the next day in London' },
  ])('is the day in the venue zone, not in UTC: $at in $zone is $firstUseOn ($why)', ({ zone, at, firstUseOn, expiresOn }) => {
    const state = stateOf(aPass({ terms: { expiry: relative(30) } }), { entries: [aCheckIn({ at }, zone)], zone, at: '2026-02-03T00:00:00Z' });
    expect(state.firstUseOn).toBe(firstUseOn);
    expect(state.expiresOn).toBe(expiresOn);
  });
});

describe('a pass whose expiry date is D is valid until the end of day D in the venue zone', () => {
  it.each([
    { zone: LONDON, D: '2026-01-15', local: '2026-01-15T23:59', expired: false, note: 'winter, GMT' },
    { zone: LONDON, D: '2026-01-15', local: '2026-01-16T00:00', expired: true, note: 'winter, GMT' },
    { zone: LONDON, D: '2026-03-29', local: '2026-03-29T23:59', expired: false, note: 'the day clocks go forward' },
    { zone: LONDON, D: '2026-03-29', local: '2026-03-30T00:00', expired: true, note: 'still 2026-03-29 in UTC' },
    { zone: LONDON, D: '2026-10-25', local: '2026-10-25T23:59', expired: false, note: 'the day clocks go back' },
    { zone: LONDON, D: '2026-10-25', local: '2026-10-26T00:00', expired: true, note: 'the day clocks go back' },
    { zone: AUCKLAND, D: '2026-02-01', local: '2026-02-01T23:59', expired: false, note: 'UTC is 10:59 the same day' },
    { zone: AUCKLAND, D: '2026-02-01', local: '2026-02-02T00:00', expired: true, note: 'UTC is still 2026-02-01' },
    { zone: AUCKLAND, D: '2026-04-05', local: '2026-04-05T23:59', expired: false, note: 'the day NZ clocks go back' },
    { zone: AUCKLAND, D: '2026-04-05', local: '2026-04-06T00:00', expired: true, note: 'the day NZ clocks go back' },
    { zone: LOS_ANGELES, D: '2026-02-01', local: '2026-02-01T23:59', expired: false, note: 'UTC is already 2026-02-02' },
    { zone: LOS_ANGELES, D: '2026-02-01', local: '2026-02-02T00:00', expired: true, note: 'UTC is 08:00' },
    { zone: LOS_ANGELES, D: '2026-03-08', local: '2026-03-08T23:59', expired: false, note: 'the day US clocks go forward' },
    { zone: LOS_ANGELES, D: '2026-03-08', local: '2026-03-09T00:00', expired: true, note: 'the day US clocks go forward' },
  ])('$zone, expires $D, at $local local: expired=$expired ($note)', ({ zone, D, local, expired }) => {
    const state = stateOf(aPass({ terms: { expiry: fixed(D) } }), { zone, at: atVenueTime(zone, local) });
    expect(state.expired).toBe(expired);
    expect(state.status).toBe(expired ? 'expired' : 'active');
  });

  it('relative 1 day, first used the evening before London clocks go forward: valid to 23:59 BST on 2026-03-29', () => {
    const pass = aPass({ terms: { expiry: relative(1) } });
    const entries = [aCheckIn({ at: atVenueTime(LONDON, '2026-03-28T23:30') })];
    expect(stateOf(pass, { entries, at: atVenueTime(LONDON, '2026-03-29T23:59') })).toMatchObject({ expiresOn: '2026-03-29', status: 'active' });
    expect(stateOf(pass, { entries, at: atVenueTime(LONDON, '2026-03-30T00:00') })).toMatchObject({ expiresOn: '2026-03-29', status: 'expired' });
  });
});

describe('either expiry override replaces the original settings and the other override', () => {
  const firstUse = aCheckIn({ at: '2026-02-01T18:30:00Z' });
  it.each([
    { rule: 'fixed override on a relative pass, never used', product: relative(30), used: false, overrides: [fixed('2026-05-01')], expiresOn: '2026-05-01' },
    { rule: 'fixed override on a relative pass, used', product: relative(30), used: true, overrides: [fixed('2026-05-01')], expiresOn: '2026-05-01' },
    { rule: 'relative override on a fixed pass, never used: no date yet', product: fixed('2026-06-30'), used: false, overrides: [relative(10)], expiresOn: null },
    { rule: 'relative override on a fixed pass, used: F + N', product: fixed('2026-06-30'), used: true, overrides: [relative(10)], expiresOn: '2026-02-11' },
    { rule: 'fixed override on a pass with no expiry', product: { kind: 'none' } as const, used: true, overrides: [fixed('2026-04-01')], expiresOn: '2026-04-01' },
    { rule: 'relative override, the whole timeframe (44, not +44)', product: relative(30), used: true, overrides: [relative(44)], expiresOn: '2026-03-17' },
    { rule: 'a later relative override replaces an earlier fixed one', product: relative(30), used: true, overrides: [fixed('2026-12-31'), relative(44)], expiresOn: '2026-03-17' },
    { rule: 'a later fixed override replaces an earlier relative one', product: relative(30), used: true, overrides: [relative(44), fixed('2026-02-20')], expiresOn: '2026-02-20' },
    { rule: 'a later override may shorten', product: fixed('2026-06-30'), used: true, overrides: [fixed('2026-08-31'), fixed('2026-03-01')], expiresOn: '2026-03-01' },
  ])('$rule', ({ product, used, overrides, expiresOn }) => {
    const entries = [
      ...(used ? [firstUse] : []),
      ...overrides.map((expiry, i) => anExpiryOverride(expiry, { at: `2026-02-0${i + 2}T09:00:00Z` })),
    ];
    expect(stateOf(aPass({ terms: { expiry: product } }), { entries, at: '2026-02-01T20:00:00Z' }).expiresOn).toBe(expiresOn);
  });

  it('the latest by hybrid logical clock wins, not the last in the list or the latest `at`', () => {
    // Desk B's clock had seen more (higher counter at the same wall time) although its `at` is earlier.
    const byA = anExpiryOverride(fixed('2026-04-01'), { at: '2026-02-05T10:00:00Z', deskId: 'A', hlc: stampAt('2026-02-05T10:00:00Z', { counter: 0, desk: 'A' }) });
    const byB = anExpiryOverride(fixed('2026-05-01'), { at: '2026-02-05T09:00:00Z', deskId: 'B', hlc: stampAt('2026-02-05T10:00:00Z', { counter: 1, desk: 'B' }) });
    expect(stateOf(aPass(), { entries: [byB, byA] }).expiresOn).toBe('2026-05-01');
    expect(stateOf(aPass(), { entries: [byA, byB] }).expiresOn).toBe('2026-05-01');
  });

  it.each([
    { order: 'A then B' , swap: false },
    { order: 'B then A', swap: true },
  ])('equal clocks are broken by desk id, deterministically ($order): the higher desk id wins', ({ swap }) => {
    const at = '2026-02-05T10:00:00Z';
    const byA = anExpiryOverride(fixed('2026-04-01'), { at, deskId: 'A' });
    const byB = anExpiryOverride(fixed('2026-05-01'), { at, deskId: 'B' });
    expect(stateOf(aPass(), { entries: swap ? [byB, byA] : [byA, byB] }).expiresOn).toBe('2026-05-01');
  });
});
