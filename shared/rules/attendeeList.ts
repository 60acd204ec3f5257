// Who is on a session's attendee list (SPEC: "Customers who booked the session in advance
// appear on the session's attendee list ... Walk-ins ... appear on the list too"): everyone
// who booked it, arrived or not yet, and everyone checked in to it without a booking (a
// walk-in). A check-in that was undone is not an arrival; the same check-in given twice (from
// memory and from a bulk load's history) counts once. Sorted by name, then id.
import type { Attendee } from '../schema/api';
import type { Booking, CheckInEntry, Customer } from '../schema/records';

export type AttendeeListInput = {
  /** The session's bookings. */
  bookings: Iterable<Booking>;
  /** The check-ins to the session, from any source; duplicates by id are fine. */
  checkIns: Iterable<CheckInEntry>;
  isUndone: (entryId: string) => boolean;
  customerOf: (customerId: string) => Customer | undefined;
};

export function attendeeList({ bookings, checkIns, isUndone, customerOf }: AttendeeListInput): Attendee[] {
  const byCustomer = new Map<string, Attendee>();
  for (const booking of bookings) {
    const customer = customerOf(booking.customerId);
    if (!customer) continue;
    byCustomer.set(customer.id, { customer, bookingId: booking.id, checkInIds: [], arrived: false, walkIn: false });
  }
  const counted = new Set<string>();
  for (const checkIn of checkIns) {
    if (counted.has(checkIn.id) || isUndone(checkIn.id)) continue;
    const customer = customerOf(checkIn.customerId);
    if (!customer) continue;
    counted.add(checkIn.id);
    const attendee = byCustomer.get(customer.id) ?? { customer, bookingId: null, checkInIds: [], arrived: false, walkIn: true };
    attendee.checkInIds.push(checkIn.id);
    attendee.arrived = true;
    byCustomer.set(customer.id, attendee);
  }
  return [...byCustomer.values()].sort((a, b) => a.customer.name.localeCompare(b.customer.name) || (a.customer.id < b.customer.id ? -1 : 1));
}
