// The check-ins to a past session that memory does not hold (issue 13: "attendance export for
// any past session, not only today's"). Memory holds every entry written one each and the
// recent ones of a bulk load; the rest of a bulk load's ledger is in history bundles grouped
// by pass (main/db/bundles.ts), which no index finds by session. So the passes that may hold
// one are asked for: those booked for the session, and those whose summary has a charged
// check-in on the session's venue day; their history bundles are read, and what is found is
// kept for the session. An attendance-only check-in without a pass is in no pass's history and
// is not found there. At a large venue the first answer for a busy past day reads many
// bundles (a pass's history is one read; neighbours in id order share one).
import { DateTime } from 'luxon';
import type { CheckInEntry, Session } from '../../shared/schema/records';
import type { DeskContext } from '../state/deskContext';

/**
 * What was found per session, for the memory it was found in: the history bundles do not change
 * while that memory lives (a new bulk load makes a new one), and the attendance screen asks
 * again at every change of the desk's data. Undos are applied when answering, not here.
 */
const foundInHistory = new WeakMap<object, Map<string, readonly CheckInEntry[]>>();
/** The last few sessions asked for are kept; at a large venue a first answer reads many bundles. */
const KEEP_SESSIONS = 16;

/** A session's check-ins from the history bundles, not undone; none when nothing was bulk loaded. */
export async function historyCheckInsTo(desk: DeskContext, session: Session, timeZone: string): Promise<CheckInEntry[]> {
  const { memory } = desk;
  if (memory.bundledHistory === 0) return [];
  let cache = foundInHistory.get(memory);
  if (!cache) {
    cache = new Map();
    foundInHistory.set(memory, cache);
  }
  let entries = cache.get(session.id);
  if (!entries) {
    entries = await readHistoryCheckInsTo(desk, session, timeZone);
    cache.set(session.id, entries);
    if (cache.size > KEEP_SESSIONS) cache.delete(cache.keys().next().value!);
  }
  return entries.filter((entry) => !memory.isUndoneAnywhere(entry));
}

async function readHistoryCheckInsTo(desk: DeskContext, session: Session, timeZone: string): Promise<CheckInEntry[]> {
  const { memory } = desk;
  // The door checks in to today's sessions only: a check-in to this session was made on its
  // venue day; a couple of hours either side allow for a desk's clock.
  const day = DateTime.fromISO(session.startsAt, { zone: timeZone }).startOf('day');
  const from = day.minus({ hours: 2 }).toUTC().toISO()!;
  const to = day.plus({ days: 1, hours: 2 }).toUTC().toISO()!;
  const passIds = new Set(memory.passesCheckedInBetween(from, to));
  for (const booking of memory.bookingsOf(session.id)) if (booking.passId) passIds.add(booking.passId);
  const found: CheckInEntry[] = [];
  // Sorted: a bundle holds a range of pass ids, so neighbours share a read.
  for (const passId of [...passIds].sort()) {
    for (const entry of await desk.ledger.historyOf(passId)) {
      if (entry.kind === 'check-in' && entry.sessionId === session.id) found.push(entry);
    }
  }
  return found;
}
