// What needs a person after a merge (SPEC "Offline and several desks"): "overdrawn passes,
// and the same customer checked in to the same session by two desks (either can be undone
// there)".
import type { CheckInEntry, LedgerEntry } from '../schema/records';
import { occasionKey } from './duplicateCheckIn';

/**
 * Why one of this desk's own entries cannot be sent to the endpoint yet (issue 12): it was made
 * while this computer's clock was wrong, the endpoint refused it as stamped ahead of its time,
 * and re-timing it by the measured error was not possible (`clock-unmeasured`: the endpoint's
 * time could not be read) or was refused again (`clock-ahead-again`). It counts on this desk
 * meanwhile, and is listed for a person until it is sent.
 */
export type NotSentReason = 'clock-unmeasured' | 'clock-ahead-again';

/** Ledger order: the hybrid logical clock's stamps sort as strings. */
const byClock = (a: { hlc: string }, b: { hlc: string }) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0);

export type DoubleCheckIn = { key: string; checkIns: CheckInEntry[] };

/**
 * Check-ins of one customer to one occasion (a session; for walk-ins with no session, a
 * venue day), not undone, made by more than one desk. A desk's own confirmed second
 * check-in is not listed: that desk was warned and confirmed it.
 */
export function doubleCheckInsAcrossDesks(checkIns: Iterable<CheckInEntry>, undone: ReadonlySet<string>): DoubleCheckIn[] {
  const byOccasion = new Map<string, CheckInEntry[]>();
  for (const entry of checkIns) {
    if (undone.has(entry.id)) continue;
    const key = occasionKey(entry);
    const list = byOccasion.get(key);
    if (list) list.push(entry);
    else byOccasion.set(key, [entry]);
  }
  const found: DoubleCheckIn[] = [];
  for (const [key, list] of byOccasion) {
    if (new Set(list.map((entry) => entry.deskId)).size > 1) {
      found.push({ key, checkIns: [...list].sort(byClock) });
    }
  }
  return found;
}

/**
 * The check-ins of an overdrawn pass that staff may give back to settle it: its latest charged
 * check-ins not undone, in clock order. One more than it is overdrawn by: when two desks used
 * the last use, either of the two can be given back (SPEC "the pass shows as overdrawn by N
 * for staff to settle"), and which one is for a person to say, not for the clock.
 */
export function checkInsToGiveBack(entries: Iterable<LedgerEntry>, isUndone: (checkInId: string) => boolean, overdrawnBy: number): CheckInEntry[] {
  if (overdrawnBy <= 0) return [];
  const charged: CheckInEntry[] = [];
  for (const entry of entries) {
    if (entry.kind === 'check-in' && entry.charged && !isUndone(entry.id)) charged.push(entry);
  }
  return charged.sort(byClock).slice(-(overdrawnBy + 1));
}
