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

/** The form every writer here uses: a date, a time to the second, maybe a fraction, then Z or an offset. */
const PLAIN_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:Z|([+-])(\d\d):(\d\d))$/u;

/**
 * An ISO instant's milliseconds since the epoch, exactly as Luxon reads it (NaN when it is none).
 * The plain form is read here with Luxon's own arithmetic (its rounding of a fraction included):
 * a desk's start orders 200,000 passes by their purchase instants, and Luxon's parse of them was
 * most of that (docs/performance.md, "Cold start"). Any other form, or a field out of its range
 * (a 30 February, an hour 24, an offset past ±14:59, a year before 100), is Luxon's to read.
 */
export function instantMs(instant: string): number {
  const parts = PLAIN_INSTANT.exec(instant);
  if (parts) {
    const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const fraction = parts[7] === undefined ? 0 : Math.floor(parseFloat(`0.${parts[7]}`) * 1000);
    const offsetMinutes = parts[8] === undefined ? 0 : (parts[8] === '+' ? 1 : -1) * (Number(parts[9]) * 60 + Number(parts[10]));
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
    const read = new Date(asUtc);
    const inRange = year >= 100 && read.getUTCFullYear() === year && read.getUTCMonth() === month - 1 && read.getUTCDate() === day
      && read.getUTCHours() === hour && read.getUTCMinutes() === minute && read.getUTCSeconds() === second
      && Number(parts[9] ?? 0) <= 14 && Number(parts[10] ?? 0) <= 59;
    if (inRange) return asUtc - offsetMinutes * 60_000;
  }
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}
