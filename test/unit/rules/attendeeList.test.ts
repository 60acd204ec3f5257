// The attendee-list rule (shared/rules/attendeeList.ts): who is on a session's list, arrived
// or not, booked or walk-in.
import { describe, expect, it } from 'vitest';
import { attendeeList } from '../../../shared/rules/attendeeList';
import type { Booking, CheckInEntry, Customer } from '../../../shared/schema/records';
import { aBooking, aCheckIn } from './build';

const customers = new Map<string, Customer>([
  ['c-ann', { id: 'c-ann', name: 'Ann Archer' }],
  ['c-bob', { id: 'c-bob', name: 'Bob Baker', email: 'bob@example.com' }],
  ['c-cy', { id: 'c-cy', name: 'Cy Cole' }],
]);

function listOf(bookings: Booking[], checkIns: CheckInEntry[], undone: string[] = []) {
  return attendeeList({ bookings, checkIns, isUndone: (id) => undone.includes(id), customerOf: (id) => customers.get(id) });
}

const summary = (list: ReturnType<typeof listOf>) =>
  list.map(({ customer, bookingId, checkInIds, arrived, walkIn }) => ({ who: customer.id, bookingId, checkInIds, arrived, walkIn }));

describe('the attendee list of a session', () => {
  it('holds everyone who booked, not yet arrived, and a booked arrival with its check-in', () => {
    const list = listOf(
      [aBooking({ id: 'b-bob', customerId: 'c-bob' }), aBooking({ id: 'b-ann', customerId: 'c-ann' })],
      [aCheckIn({ id: 'l-ann', customerId: 'c-ann', bookingId: 'b-ann', charged: false })],
    );
    expect(summary(list)).toEqual([
      { who: 'c-ann', bookingId: 'b-ann', checkInIds: ['l-ann'], arrived: true, walkIn: false },
      { who: 'c-bob', bookingId: 'b-bob', checkInIds: [], arrived: false, walkIn: false },
    ]);
  });

  it('holds a walk-in: checked in without a booking', () => {
    expect(summary(listOf([], [aCheckIn({ id: 'l-cy', customerId: 'c-cy' })]))).toEqual([
      { who: 'c-cy', bookingId: null, checkInIds: ['l-cy'], arrived: true, walkIn: true },
    ]);
  });

  it('does not count an undone check-in: a walk-in undone is off the list, a booking undone is not yet arrived', () => {
    const list = listOf(
      [aBooking({ id: 'b-ann', customerId: 'c-ann' })],
      [aCheckIn({ id: 'l-ann', customerId: 'c-ann' }), aCheckIn({ id: 'l-cy', customerId: 'c-cy' })],
      ['l-ann', 'l-cy'],
    );
    expect(summary(list)).toEqual([{ who: 'c-ann', bookingId: 'b-ann', checkInIds: [], arrived: false, walkIn: false }]);
  });

  it('counts the same check-in from two sources once, and a second check-in of the same person beside it', () => {
    const once = aCheckIn({ id: 'l-bob-1', customerId: 'c-bob' });
    const list = listOf([], [once, { ...once }, aCheckIn({ id: 'l-bob-2', customerId: 'c-bob' })]);
    expect(summary(list)).toEqual([{ who: 'c-bob', bookingId: null, checkInIds: ['l-bob-1', 'l-bob-2'], arrived: true, walkIn: true }]);
  });

  it('leaves out a customer the desk does not know', () => {
    expect(listOf([aBooking({ customerId: 'c-gone' })], [aCheckIn({ customerId: 'c-gone' })])).toEqual([]);
  });
});
