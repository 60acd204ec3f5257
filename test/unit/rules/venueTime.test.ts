// SPEC "Expiry": "Dates are calendar dates in the venue's time zone ... Day arithmetic is
// calendar arithmetic in the venue zone (Luxon), so DST changes never shift a date."
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, instantMs, venueDayOf } from '../../../shared/rules/venueTime';
import { AUCKLAND, LONDON, LOS_ANGELES } from './build';

describe('the venue day of an instant is the day in the venue zone, not in UTC', () => {
  it.each([
    { instant: '2026-02-01T23:59:59Z', zone: LONDON, day: '2026-02-01', why: 'GMT is UTC in winter' },
    { instant: '2026-06-30T23:30:00Z', zone: LONDON, day: '2026-07-01', why: '00:30 BST' },
    { instant: '2026-03-29T00:59:59Z', zone: LONDON, day: '2026-03-29', why: 'a second before clocks go forward' },
    { instant: '2026-03-29T23:00:00Z', zone: LONDON, day: '2026-03-30', why: 'midnight BST' },
    { instant: '2026-10-25T00:30:00Z', zone: LONDON, day: '2026-10-25', why: '01:30 BST, the first of two' },
    { instant: '2026-10-25T01:30:00Z', zone: LONDON, day: '2026-10-25', why: '01:30 GMT, the second of two' },
    { instant: '2026-02-01T11:00:00Z', zone: AUCKLAND, day: '2026-02-02', why: 'midnight NZDT (UTC+13)' },
    { instant: '2026-02-01T10:59:59Z', zone: AUCKLAND, day: '2026-02-01', why: '23:59:59 NZDT' },
    { instant: '2026-07-01T12:00:00Z', zone: AUCKLAND, day: '2026-07-02', why: 'midnight NZST (UTC+12)' },
    { instant: '2026-02-02T07:59:59Z', zone: LOS_ANGELES, day: '2026-02-01', why: '23:59:59 PST' },
    { instant: '2026-02-02T08:00:00Z', zone: LOS_ANGELES, day: '2026-02-02', why: 'midnight PST' },
    { instant: '2026-07-02T06:59:59Z', zone: LOS_ANGELES, day: '2026-07-01', why: '23:59:59 PDT' },
    { instant: '2026-02-01T20:00:00-05:00', zone: LONDON, day: '2026-02-02', why: 'an instant written with another offset' },
  ])('$instant in $zone is $day ($why)', ({ instant, zone, day }) => {
    expect(venueDayOf(instant, zone)).toBe(day);
    expect(venueDayOf(instantMs(instant), zone)).toBe(day);
  });

  it('refuses an invalid instant or zone rather than guessing', () => {
    expect(() => venueDayOf('not a date', LONDON)).toThrow();
    expect(() => venueDayOf('2026-02-01T10:00:00Z', 'Nowhere/Atlantis')).toThrow();
  });
});

describe('day arithmetic is calendar arithmetic: D + N never shifts across DST', () => {
  it.each([
    { day: '2026-02-01', days: 30, result: '2026-03-03' },
    { day: '2026-02-01', days: 44, result: '2026-03-17' },
    { day: '2026-03-28', days: 1, result: '2026-03-29' },
    { day: '2026-03-29', days: 1, result: '2026-03-30' },
    { day: '2026-03-15', days: 30, result: '2026-04-14' },
    { day: '2026-10-24', days: 2, result: '2026-10-26' },
    { day: '2026-12-31', days: 1, result: '2027-01-01' },
    { day: '2028-02-28', days: 1, result: '2028-02-29' },
    { day: '2026-02-28', days: 1, result: '2026-03-01' },
    { day: '2026-03-03', days: -30, result: '2026-02-01' },
    { day: '2026-01-01', days: 3650, result: '2035-12-30' },
  ])('$day + $days = $result', ({ day, days, result }) => {
    expect(addDays(day, days)).toBe(result);
    expect(daysBetween(day, result)).toBe(days);
  });
});

describe('instants compare by the moment, not by how they are written', () => {
  it.each([
    { a: '2026-01-05T10:00:00Z', b: '2026-01-05T11:00:00+01:00' },
    { a: '2026-01-05T10:00:00Z', b: '2026-01-05T05:00:00-05:00' },
    { a: '2026-01-05T10:00:00.000Z', b: '2026-01-05T23:00:00+13:00' },
  ])('$a is the same instant as $b', ({ a, b }) => {
    expect(instantMs(a)).toBe(instantMs(b));
  });
});
