// What one server process tells all the others (and itself) through PostgreSQL's
// LISTEN/NOTIFY. A notice carries only where to look: venue, collection and the highest seq
// committed. Documents stay in the table (a NOTIFY payload is limited to 8000 bytes, and a
// listener reading committed rows can never see something that was rolled back).
import type { Queryable } from '../db/database';
import type { SyncCollection } from '../../shared/schema/sync';
import { syncCollectionSchema } from '../../shared/schema/sync';

export const SYNC_CHANNEL = 'box_office_sync';

export type ChangeNotice =
  | { kind: 'changes'; venueId: string; collection: SyncCollection; seq: number }
  /** A device token was revoked: every process ends that device's open streams at once. */
  | { kind: 'device-revoked'; deviceId: string };

/**
 * Sent inside the writing transaction: PostgreSQL delivers a NOTIFY only when (and if) the
 * transaction commits, so no listener hears of a change before it can read it, and a crash
 * between commit and announcement cannot happen.
 */
export async function announce(tx: Queryable, notice: ChangeNotice): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, noticeText(notice)]);
}

/** A notice as the text a NOTIFY carries: the one definition of its fields. */
export function noticeText(notice: ChangeNotice): string {
  return JSON.stringify(notice);
}

/**
 * The same changes notice as a SQL expression, for a statement that announces its own writes
 * in the same round trip (db/pushedEntries.ts); the arguments are SQL expressions. It must
 * give what `noticeText` gives: test/server/changeNotices.test.ts checks both engines.
 */
export function changesNoticeSql(venueId: string, collection: string, seq: string): string {
  return `json_build_object('kind', 'changes', 'venueId', ${venueId}, 'collection', ${collection}, 'seq', ${seq})::text`;
}

export function parseNotice(payload: string): ChangeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const notice = value as Record<string, unknown>;
  if (notice.kind === 'device-revoked' && typeof notice.deviceId === 'string') return { kind: 'device-revoked', deviceId: notice.deviceId };
  const collection = syncCollectionSchema.safeParse(notice.collection);
  if (notice.kind === 'changes' && typeof notice.venueId === 'string' && collection.success && typeof notice.seq === 'number') {
    return { kind: 'changes', venueId: notice.venueId, collection: collection.data, seq: notice.seq };
  }
  return null;
}
