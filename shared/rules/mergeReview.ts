// What needs a person after a merge (SPEC "Offline and several desks"): "overdrawn passes,
// and the same customer checked in to the same session by two desks (either can be undone
// there)".
import type { CheckInEntry } from '../schema/records';
import { occasionKey } from './duplicateCheckIn';

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
      found.push({ key, checkIns: [...list].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0)) });
    }
  }
  return found;
}
