// The `next` of a history page (shared/schema/sync.ts: "opaque to the desk"): where the page
// ended, as the pass id and the entry id of its last entry. Written as the pass id's length,
// a dot, the pass id and the entry id: no character of either needs escaping, and the longest
// (200 + 200, shared/schema/records.ts) stays far under the 1,000 characters `after` may have.
// A cursor that this endpoint did not write is refused rather than guessed at.

export type HistoryPosition = { passId: string; id: string };

const MAX_ID = 200;

export function historyCursor(position: HistoryPosition): string {
  return `${position.passId.length}.${position.passId}${position.id}`;
}

/** The position a cursor names, or null when it is not one this endpoint writes. */
export function historyPosition(cursor: string): HistoryPosition | null {
  const match = /^(0|[1-9]\d{0,2})\.([\s\S]*)$/.exec(cursor);
  if (!match) return null;
  const length = Number(match[1]);
  const rest = match[2]!;
  const passId = rest.slice(0, length);
  const id = rest.slice(length);
  if (length > MAX_ID || passId.length !== length || id.length === 0 || id.length > MAX_ID) return null;
  return { passId, id };
}
