// Which ledger entries a desk keeps whole in memory after a bulk load, beside the pass
// summaries: the check-ins of yesterday and today in the venue zone, and their undos. Today's
// are what the duplicate rule ("a customer already checked in to the same session ... the
// same venue day") and the attendee lists read; yesterday's cover a session that crosses
// midnight and a merge of the evening before. Older entries are history, read when asked for.
import type { LedgerEntry } from '../schema/records';
import { addDays, venueDayOf } from './venueTime';

/** The first venue day whose check-ins are recent at `nowMs`: yesterday in the venue zone. */
export function recentSince(nowMs: number, timeZone: string): string {
  return addDays(venueDayOf(nowMs, timeZone), -1);
}

/** The recent entries of a ledger: check-ins on or after `since`, and the undos of them. */
export function recentEntriesOf(entries: readonly LedgerEntry[], since: string): LedgerEntry[] {
  const recentCheckIns = new Set<string>();
  for (const entry of entries) {
    if (entry.kind === 'check-in' && entry.venueDay >= since) recentCheckIns.add(entry.id);
  }
  return entries.filter((entry) => (entry.kind === 'check-in' && recentCheckIns.has(entry.id))
    || (entry.kind === 'undo-check-in' && recentCheckIns.has(entry.checkInId)));
}
