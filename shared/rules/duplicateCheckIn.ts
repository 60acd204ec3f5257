// SPEC: "A customer already checked in to the same session (for a walk-in with no session:
// the same venue day) is not charged twice by accident: the desk is warned and must
// confirm; a confirmed second check-in is charged."
import type { CheckInEntry } from '../schema/records';

export type CheckInOccasion = { customerId: string; sessionId: string; venueDay: string };

/** The key under which two check-ins count as "the same occasion". */
export function occasionKey(occasion: CheckInOccasion): string {
  return occasion.sessionId === ''
    ? `${occasion.customerId}\u0000day\u0000${occasion.venueDay}`
    : `${occasion.customerId}\u0000session\u0000${occasion.sessionId}`;
}

/** Check-ins to the same occasion that have not been undone. */
export function earlierCheckInsOf(
  occasion: CheckInOccasion,
  checkIns: Iterable<CheckInEntry>,
  undone: ReadonlySet<string>,
): CheckInEntry[] {
  const key = occasionKey(occasion);
  const found: CheckInEntry[] = [];
  for (const entry of checkIns) {
    if (!undone.has(entry.id) && occasionKey(entry) === key) found.push(entry);
  }
  return found;
}
