// The check-ins to a past session that memory does not hold (issue 13: "attendance export for
// any past session, not only today's"). Memory holds every entry written one each and the
// recent ones of a bulk load; the rest of a bulk load's ledger is in history bundles grouped
// by pass (main/db/bundles.ts), which no index finds by session. So the passes that may hold
// one are asked for: those booked for the session, and those whose summary has a charged
// check-in on the session's venue day (a day either side, for clocks and late desks); their
// history bundles are read, each once. An attendance-only check-in without a pass is in no
// pass's history and is not found there.
import { DateTime } from 'luxon';
import type { CheckInEntry, Session } from '../../shared/schema/records';
import type { DeskContext } from '../state/deskContext';

/** A session's check-ins from the history bundles, not undone; none when nothing was bulk loaded. */
export async function historyCheckInsTo(desk: DeskContext, session: Session, timeZone: string): Promise<CheckInEntry[]> {
  const { memory } = desk;
  if (memory.bundledHistory === 0) return [];
  const day = DateTime.fromISO(session.startsAt, { zone: timeZone }).startOf('day');
  const from = day.minus({ days: 1 }).toUTC().toISO()!;
  const to = day.plus({ days: 2 }).toUTC().toISO()!;
  const passIds = new Set(memory.passesCheckedInBetween(from, to));
  for (const booking of memory.bookingsOf(session.id)) if (booking.passId) passIds.add(booking.passId);
  const found: CheckInEntry[] = [];
  // Sorted: a bundle holds a range of pass ids, so neighbours share a read.
  for (const passId of [...passIds].sort()) {
    for (const entry of await desk.ledger.historyOf(passId)) {
      if (entry.kind === 'check-in' && entry.sessionId === session.id && !memory.isUndoneAnywhere(entry)) found.push(entry);
    }
  }
  return found;
}
