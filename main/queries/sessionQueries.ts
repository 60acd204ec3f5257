// Sessions at the door: today's sessions in the venue zone, the sessions of any day up to
// today for the attendance screen, a session's attendees, and this desk's last check-ins.
import type { DeskApiPayloads, DeskApiResults, RecentCheckIn } from '../../shared/schema/api';
import { attendeeList } from '../../shared/rules/attendeeList';
import { refuse } from '../../shared/rules/errors';
import { instantMs, venueDayOf } from '../../shared/rules/venueTime';
import type { Session } from '../../shared/schema/records';
import type { DeskContext } from '../state/deskContext';
import { historyCheckInsTo } from './pastAttendance';
import { attendanceNeeds, notAllowed } from '../../shared/staff/leastRoles';

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
  // A past session's check-ins may be in a bulk load's history too (./pastAttendance.ts).
  const past = venueDayOf(session.startsAt, venue.timeZone) < venueDayOf(desk.now(), venue.timeZone);
  const needs = attendanceNeeds(venueDayOf(session.startsAt, venue.timeZone), venueDayOf(desk.now(), venue.timeZone));
  if (!desk.staffOnDesk.actingReaches(needs)) return notAllowed(needs, true);
  const fromHistory = past ? await historyCheckInsTo(desk, session, venue.timeZone) : [];
  const attendees = attendeeList({
    bookings: memory.bookingsOf(session.id),
    checkIns: [...fromHistory, ...memory.checkInsTo(session.id)],
    isUndone: (entryId) => memory.isUndone(entryId),
    customerOf: (customerId) => memory.customers.get(customerId),
  });
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
