// Sessions at the door: today's sessions in the venue zone, the sessions of any day up to
// today for the attendance screen, a session's attendees, and this desk's last check-ins.
import type { Attendee, DeskApiPayloads, DeskApiResults, RecentCheckIn } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { instantMs, venueDayOf } from '../../shared/rules/venueTime';
import type { CheckInEntry, Session } from '../../shared/schema/records';
import type { DeskContext } from '../state/deskContext';
import { historyCheckInsTo } from './pastAttendance';

export function todaySessions(desk: DeskContext): DeskApiResults['todaySessions'] {
  const venue = desk.memory.venue;
  if (!venue) return refuse('no-venue');
  // "Today" is the venue's day, not the desk computer's (it may sit in another zone).
  const today = venueDayOf(desk.now(), venue.timeZone);
  const sessions = [...desk.memory.sessions.values()]
    .filter((session) => venueDayOf(session.startsAt, venue.timeZone) === today)
    .sort((a, b) => instantMs(a.startsAt) - instantMs(b.startsAt) || (a.id < b.id ? -1 : 1));
  return { ok: true, today, sessions };
}

export async function sessionAttendees(desk: DeskContext, input: DeskApiPayloads['sessionAttendees']): Promise<DeskApiResults['sessionAttendees']> {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const session = memory.sessions.get(input.sessionId);
  if (!session) return refuse('unknown-session');
  const byCustomer = new Map<string, Attendee>();
  for (const booking of memory.bookingsOf(session.id)) {
    const customer = memory.customers.get(booking.customerId);
    if (!customer) continue;
    byCustomer.set(customer.id, { customer, bookingId: booking.id, checkInIds: [], arrived: false, walkIn: false });
  }
  // A past session's check-ins may be in a bulk load's history too (./pastAttendance.ts).
  const past = venueDayOf(session.startsAt, venue.timeZone) < venueDayOf(desk.now(), venue.timeZone);
  const checkIns = new Map<string, CheckInEntry>();
  if (past) for (const entry of await historyCheckInsTo(desk, session, venue.timeZone)) checkIns.set(entry.id, entry);
  for (const entry of memory.checkInsTo(session.id)) if (!memory.isUndone(entry.id)) checkIns.set(entry.id, entry);
  for (const checkIn of checkIns.values()) {
    const customer = memory.customers.get(checkIn.customerId);
    if (!customer) continue;
    const attendee = byCustomer.get(customer.id) ?? { customer, bookingId: null, checkInIds: [], arrived: false, walkIn: true };
    attendee.checkInIds.push(checkIn.id);
    attendee.arrived = true;
    byCustomer.set(customer.id, attendee);
  }
  const attendees = [...byCustomer.values()].sort((a, b) => a.customer.name.localeCompare(b.customer.name) || (a.customer.id < b.customer.id ? -1 : 1));
  return { ok: true, session, attendees };
}

/** At most this many days to pick from: over a year of a venue's sessions. */
const PICKABLE_DAYS = 400;

export function attendanceSessions(desk: DeskContext, payload: DeskApiPayloads['attendanceSessions']): DeskApiResults['attendanceSessions'] {
  const venue = desk.memory.venue;
  if (!venue) return refuse('no-venue');
  const today = venueDayOf(desk.now(), venue.timeZone);
  const day = payload.day ?? today;
  const daysWithSessions = new Set<string>();
  const sessions: Session[] = [];
  for (const session of desk.memory.sessions.values()) {
    const sessionDay = venueDayOf(session.startsAt, venue.timeZone);
    if (sessionDay <= today) daysWithSessions.add(sessionDay);
    if (sessionDay === day) sessions.push(session);
  }
  daysWithSessions.add(today);
  const days = [...daysWithSessions].sort().reverse().slice(0, PICKABLE_DAYS);
  sessions.sort((a, b) => instantMs(a.startsAt) - instantMs(b.startsAt) || (a.id < b.id ? -1 : 1));
  return { ok: true, today, day, days, sessions };
}

export function recentCheckIns(desk: DeskContext, limit = 20): DeskApiResults['recentCheckIns'] {
  const { memory } = desk;
  const items: RecentCheckIn[] = memory.recentCheckIns.slice(-limit).reverse().map((entry) => ({
    checkInId: entry.id,
    customerId: entry.customerId,
    customerName: memory.customers.get(entry.customerId)?.name ?? entry.customerId,
    sessionId: entry.sessionId || null,
    passId: entry.passId || null,
    charged: entry.charged,
    at: entry.at,
    undone: memory.isUndone(entry.id),
  }));
  return { ok: true, items };
}
