// A session's attendance as numbers and as CSV (SPEC: "Staff can export a session's
// attendance ... as CSV"), and the filter of the list by the start of any word, the way the
// door's search reads names ("obrien" finds O'Brien).
import type { Attendee } from '../../shared/schema/api';
import { wordsOf } from '../../shared/search/customerSearch';
import type { CsvValue } from '../export/csv';
import type { Words } from '../words';

export type AttendanceCounts = { booked: number; bookedArrived: number; walkIns: number; arrived: number; notYetArrived: number };

export function attendanceCounts(attendees: readonly Attendee[]): AttendanceCounts {
  let booked = 0;
  let bookedArrived = 0;
  let walkIns = 0;
  for (const attendee of attendees) {
    if (attendee.bookingId !== null) {
      booked += 1;
      if (attendee.arrived) bookedArrived += 1;
    } else if (attendee.arrived) {
      walkIns += 1;
    }
  }
  return { booked, bookedArrived, walkIns, arrived: bookedArrived + walkIns, notYetArrived: booked - bookedArrived };
}

/** Every word typed starts a word of the name or the email. */
export function attendeeMatches(attendee: Attendee, filter: string): boolean {
  const wanted = wordsOf(filter);
  if (wanted.length === 0) return true;
  const words = wordsOf(`${attendee.customer.name} ${attendee.customer.email ?? ''}`);
  return wanted.every((prefix) => words.some((word) => word.startsWith(prefix)));
}

export function attendanceCsvHeader(words: Words): string[] {
  return (['name', 'email', 'booked', 'walkIn', 'arrived', 'checkIns', 'customerId'] as const).map((column) => words.t(`csv.${column}`));
}

/** Yes and no in the desk's language: the file is read by the venue's people. */
export function attendanceCsvRows(words: Words, attendees: readonly Attendee[]): CsvValue[][] {
  const yesNo = (value: boolean) => words.t(value ? 'csv.yes' : 'csv.no');
  return attendees.map((attendee) => [
    attendee.customer.name,
    attendee.customer.email ?? '',
    yesNo(attendee.bookingId !== null),
    yesNo(attendee.walkIn),
    yesNo(attendee.arrived),
    attendee.checkInIds.length,
    attendee.customer.id,
  ]);
}
