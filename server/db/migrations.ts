// The server's SQL schema, as numbered migrations applied in order and recorded in the
// `migrations` table. A migration, once released, is never edited: a change is a new one.
import type { Database } from './database';
import { syncCollections } from '../../shared/schema/sync';

export type Migration = { id: number; name: string; sql: string };

const collectionList = syncCollections.map((name) => `'${name}'`).join(', ');

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'venues, devices, documents with a change sequence, admin token',
    sql: `
      CREATE TABLE venues (
        id text PRIMARY KEY,
        time_zone text NOT NULL,
        name text,
        -- The venue's change sequence: the last seq handed out (see server/db/changeSequence.ts).
        last_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE devices (
        id text PRIMARY KEY,
        venue_id text NOT NULL REFERENCES venues (id),
        name text,
        -- sha256 of the token, hex: a stolen copy of the database opens no venue.
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX devices_by_venue ON devices (venue_id);

      -- Every synced record, per venue and collection, with the seq of its last change.
      CREATE TABLE documents (
        venue_id text NOT NULL REFERENCES venues (id),
        collection text NOT NULL CHECK (collection IN (${collectionList})),
        id text NOT NULL,
        seq bigint NOT NULL,
        body jsonb NOT NULL,
        -- The device that pushed it, or 'import'.
        written_by text NOT NULL,
        PRIMARY KEY (venue_id, collection, id)
      );
      -- A pull is a range scan of this index: WHERE venue_id, collection AND seq > checkpoint.
      CREATE UNIQUE INDEX documents_by_seq ON documents (venue_id, collection, seq);

      CREATE TABLE admin_token (
        only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 2,
    name: 'document counts per venue and collection',
    // Counting a large venue's 1.3 million documents for every hello took seconds; documents
    // are never deleted, so a count kept beside them, raised in the writing transaction, is exact.
    sql: `
      CREATE TABLE document_counts (
        venue_id text NOT NULL REFERENCES venues (id),
        collection text NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (venue_id, collection)
      );
      INSERT INTO document_counts (venue_id, collection, count)
        SELECT venue_id, collection, count(*) FROM documents GROUP BY venue_id, collection;
    `,
  },
  {
    id: 3,
    name: 'pass summaries and the ledger indexes of the snapshot',
    // A new desk reads a snapshot of the venue (shared/schema/sync.ts, server/sync/snapshot.ts):
    // one summary per pass instead of every past entry (written by server/sync/summaryRefresh.ts
    // with the shared fold, never computed here), then the history by pass, and the check-ins of
    // the last days. Every page of it is a range scan of one of these indexes; none reads a
    // venue's whole ledger. The summaries are filled by the first refresh after this migration.
    sql: `
      -- No foreign key to venues: venues are never deleted, and a check per summary would lock
      -- the venue row that every push of the venue locks too.
      CREATE TABLE pass_summaries (
        venue_id text NOT NULL,
        pass_id text NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (venue_id, pass_id)
      );

      -- The ledger seq the venue's summaries include: every entry with a seq at or below it.
      -- Apart from venues, whose row every push locks: a refresh never waits for a push.
      CREATE TABLE pass_summaries_upto (
        venue_id text PRIMARY KEY REFERENCES venues (id),
        upto_seq bigint NOT NULL,
        -- How many summaries the venue has (the snapshot's counts), raised in the same transaction.
        summaries bigint NOT NULL
      );

      -- history: a pass's entries together, by pass id then id.
      CREATE INDEX ledger_by_pass ON documents (venue_id, (body->>'passId'), id)
        WHERE collection = 'ledger';
      -- recent: the check-ins of the last days, and the undos of them.
      CREATE INDEX ledger_check_ins_by_day ON documents (venue_id, (body->>'venueDay'))
        WHERE collection = 'ledger' AND body->>'kind' = 'check-in';
      CREATE INDEX ledger_undos_by_check_in ON documents (venue_id, (body->>'checkInId'))
        WHERE collection = 'ledger' AND body->>'kind' = 'undo-check-in';
    `,
  },
  {
    id: 4,
    name: "the venue's locale",
    // How the venue writes dates (shared/schema/records.ts venueLocaleSchema), sent to desks in
    // hello; none stored means the desks' default, en-GB.
    sql: 'ALTER TABLE venues ADD COLUMN locale text;',
  },
  {
    id: 5,
    name: "the venue's staff",
    // SPEC "Staff, roles and the kiosk": name, role, active or not, and the PIN only as a slow
    // salted hash (shared/staff/pinHash.ts). Never deleted: entries name them for good.
    sql: `
      CREATE TABLE staff (
        venue_id text NOT NULL REFERENCES venues (id),
        id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('door', 'manager', 'admin')),
        active boolean NOT NULL DEFAULT true,
        pin_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, id),
        UNIQUE (venue_id, name)
      );
    `,
  },
  {
    id: 6,
    name: "a venue hub's checkpoints with its upstream endpoint",
    // A hub (server/hub/) is one more client of upstream: per venue, how far it has pulled each
    // collection from upstream (its checkpoint there) and how far it has pushed its own ledger
    // (a seq of this database). Saved in the transaction that stores what was pulled.
    sql: `
      CREATE TABLE hub_checkpoints (
        venue_id text NOT NULL REFERENCES venues (id),
        -- a collection pulled from upstream, or 'push' for the ledger sent up
        stream text NOT NULL,
        seq bigint NOT NULL,
        id text NOT NULL DEFAULT '',
        PRIMARY KEY (venue_id, stream)
      );
    `,
  },
  {
    id: 7,
    name: "the venue's idle minutes before a desk locks",
    // SPEC "Staff, roles and the kiosk": a venue setting, sent to its desks in hello; none stored
    // means the desks' default, 10 minutes.
    sql: 'ALTER TABLE venues ADD COLUMN lock_after_minutes integer;',
  },
];

/** Any number that is the same in every replica: the lock that lets one of them migrate. */
const MIGRATION_LOCK = 7_428_001;

/**
 * Applies the migrations not yet applied, in one transaction. Replicas starting together on
 * one PostgreSQL wait for each other on an advisory lock instead of racing to create tables.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM migrations')).map((row) => row.id));
    const newest = Math.max(0, ...applied);
    const known = Math.max(...migrations.map((migration) => migration.id));
    if (newest > known) {
      throw new Error(`the database was migrated by a newer server (migration ${newest}; this server knows up to ${known}): run the newer server`);
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      done.push(migration.id);
    }
    return done;
  });
}
