// Desks' pushes of ledger entries written by one SQL statement: one round trip, one implicit
// transaction, for one push or for a group of pushes that arrived together (of any devices
// and venues; see sync/groupCommit.ts). Profiled (issue 7): a push was eight statements in an
// explicit transaction (begin, lock, read, insert, count, sequence, notify, commit) plus one
// for the token; on PostgreSQL the venue's lock was held across all those round trips, so a
// venue's desks queued behind each other's network and event-loop delays, and on PGlite every
// statement costs a fixed ~0.2 ms of protocol work and its planning ~0.5 ms besides its own.
//
// What the statement keeps:
// - All or nothing: one statement is one transaction (autocommit), on both engines. A group
//   commits or fails whole; groupCommit.ts then writes its pushes one by one.
// - The seq order of changeSequence.ts: each venue's seqs are taken under its row lock
//   (`SELECT … FOR NO KEY UPDATE`, which waits for a concurrent writer of the venue to commit
//   and then reads its last_seq; it conflicts with the import's FOR UPDATE too, but not with the
//   key-share locks of foreign keys, such as a device being issued), held until this statement
//   commits. Per venue, commit order is still
//   seq order, so no puller skips a row. A group locks its venues in id order, so two groups
//   (two server processes) can never wait for each other in a circle.
// - Revocation at once: each push's device row is read in the same snapshot as the write, so a
//   token revoked before the push began writes nothing (token → device lookups can be cached).
// - Insert-only, with the stored entry for a repeated id. Which ids are stored is decided by
//   the primary key itself (ON CONFLICT DO NOTHING), never by a plan (see primaryKeyProbe in
//   documents.ts for what plans did without statistics). Seqs are taken for every row pushed;
//   a row already stored leaves its seq unused (gaps are harmless to pullers). The stored
//   bodies of the rows not inserted are read by primary-key probes. A row committed by a
//   concurrent statement after this one's snapshot is neither inserted nor visible here: the
//   caller reads it afterwards.
// - A notice to every server process, sent at commit: one per venue that got new entries.
import type { Queryable } from './database';
import { primaryKeyProbe } from './documents';
import { SYNC_CHANNEL, changesNoticeSql } from '../sync/changeNotices';

/** One push: entries with distinct ids. Within a group, no two pushes of a venue share an id. */
export type LedgerPush = { venueId: string; deviceId: string; entries: readonly { id: string }[] };

export type WrittenPush = {
  /** false: the device is revoked (or not of this venue); nothing of this push was written. */
  deviceActive: boolean;
  /** Ids already stored before this push, with the stored record as JSON text. */
  stored: Map<string, string>;
  /** Ids this push inserted. */
  inserted: Set<string>;
};

const PUSH_STATEMENT = `
WITH push AS (
  SELECT p.ord AS push, p.value->>'venueId' AS venue_id, p.value->>'deviceId' AS device_id, p.value->'entries' AS entries
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS p(value, ord)
),
allowed AS (
  SELECT push.* FROM push
   WHERE EXISTS (SELECT 1 FROM devices WHERE devices.id = push.device_id AND devices.venue_id = push.venue_id AND devices.revoked_at IS NULL)
),
pushed AS (
  SELECT allowed.push, allowed.venue_id, allowed.device_id, item.doc, item.doc->>'id' AS id,
         row_number() OVER (PARTITION BY allowed.venue_id ORDER BY allowed.push, item.ord) AS n
    FROM allowed CROSS JOIN LATERAL jsonb_array_elements(allowed.entries) WITH ORDINALITY AS item(doc, ord)
),
taken AS (
  SELECT venue_id, count(*) AS count FROM pushed GROUP BY venue_id
),
locked AS (
  SELECT venues.id, venues.last_seq FROM venues
   WHERE venues.id IN (SELECT venue_id FROM taken)
   ORDER BY venues.id
   FOR NO KEY UPDATE
),
sequence AS (
  UPDATE venues SET last_seq = locked.last_seq + taken.count
    FROM locked JOIN taken ON taken.venue_id = locked.id
   WHERE venues.id = locked.id
  RETURNING venues.id AS venue_id, locked.last_seq AS before
),
inserted AS (
  INSERT INTO documents (venue_id, collection, id, seq, body, written_by)
  SELECT pushed.venue_id, 'ledger', pushed.id, sequence.before + pushed.n, pushed.doc, pushed.device_id
    FROM pushed JOIN sequence ON sequence.venue_id = pushed.venue_id
  ON CONFLICT (venue_id, collection, id) DO NOTHING
  RETURNING venue_id, id, seq
),
stored AS (
  SELECT pushed.push, pushed.id, found.body
    FROM pushed
    CROSS JOIN LATERAL ${primaryKeyProbe('pushed.venue_id', "'ledger'", 'pushed.id')} AS found
   WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.venue_id = pushed.venue_id AND inserted.id = pushed.id)
     AND found.venue_id = pushed.venue_id AND found.collection = 'ledger' AND found.id = pushed.id
),
counted AS (
  INSERT INTO document_counts (venue_id, collection, count)
  SELECT venue_id, 'ledger', count(*) FROM inserted GROUP BY venue_id
  ON CONFLICT (venue_id, collection) DO UPDATE SET count = document_counts.count + EXCLUDED.count
),
announced AS (
  SELECT pg_notify($2, ${changesNoticeSql('venue_id', "'ledger'", 'max(seq)')})
    FROM inserted GROUP BY venue_id
)
SELECT 'allowed' AS kind, push, NULL AS venue_id, NULL AS id, NULL AS json FROM allowed
UNION ALL SELECT 'stored', push, NULL, id, body::text FROM stored
UNION ALL SELECT 'inserted', NULL, venue_id, id, NULL FROM inserted
UNION ALL SELECT 'announced', NULL, NULL, NULL, NULL FROM announced`;

/** Writes the pushes in one statement; the answers are in the order of `pushes`. */
export async function insertPushedEntries(db: Queryable, pushes: readonly LedgerPush[]): Promise<WrittenPush[]> {
  const rows = await db.query<{ kind: 'allowed' | 'stored' | 'inserted' | 'announced'; push: number | null; venue_id: string | null; id: string | null; json: string | null }>(
    PUSH_STATEMENT,
    [JSON.stringify(pushes.map(({ venueId, deviceId, entries }) => ({ venueId, deviceId, entries }))), SYNC_CHANNEL],
  );
  const written = pushes.map((): WrittenPush => ({ deviceActive: false, stored: new Map(), inserted: new Set() }));
  // Ids are unique per venue within a group, so an inserted (venue, id) names its push.
  const pushOf = new Map<string, WrittenPush>();
  pushes.forEach((push, at) => {
    for (const entry of push.entries) pushOf.set(`${push.venueId}\u0000${entry.id}`, written[at]!);
  });
  for (const row of rows) {
    if (row.kind === 'allowed') written[Number(row.push) - 1]!.deviceActive = true;
    else if (row.kind === 'stored') written[Number(row.push) - 1]!.stored.set(row.id!, row.json!);
    else if (row.kind === 'inserted') pushOf.get(`${row.venue_id}\u0000${row.id}`)!.inserted.add(row.id!);
  }
  return written;
}
