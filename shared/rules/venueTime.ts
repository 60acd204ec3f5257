// Dates are calendar dates in the venue's time zone (SPEC "Expiry"). All day arithmetic is
// Luxon calendar arithmetic in that zone, so a DST change never shifts a date: adding days
// to a calendar date never goes through 24-hour multiples of milliseconds.
import { DateTime } from 'luxon';

/** The venue day (YYYY-MM-DD) on which an instant falls. */
export function venueDayOf(instant: string | number, timeZone: string): string {
  const dt = typeof instant === 'number'
    ? DateTime.fromMillis(instant, { zone: timeZone })
    : DateTime.fromISO(instant, { zone: timeZone });
  if (!dt.isValid) throw new Error(`invalid instant or zone: ${String(instant)} in ${timeZone}`);
  return dt.toISODate()!;
}

/** Calendar day D + N. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole calendar days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

export function instantMs(instant: string): number {
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}
