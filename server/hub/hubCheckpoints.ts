// Where a venue hub stands with its upstream endpoint (migration 6, hub_checkpoints): per
// collection, its pull checkpoint there; and 'push', the last seq of its own ledger sent up.
import type { Queryable } from '../db/database';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';

export type HubStream = SyncCollection | 'push';

export async function readHubCheckpoint(db: Queryable, venueId: string, stream: HubStream): Promise<SyncCheckpoint | undefined> {
  const rows = await db.query<{ seq: number; id: string }>('SELECT seq, id FROM hub_checkpoints WHERE venue_id = $1 AND stream = $2', [venueId, stream]);
  const row = rows[0];
  return row ? { seq: Number(row.seq), id: row.id } : undefined;
}

export async function saveHubCheckpoint(tx: Queryable, venueId: string, stream: HubStream, checkpoint: SyncCheckpoint): Promise<void> {
  await tx.query(
    `INSERT INTO hub_checkpoints (venue_id, stream, seq, id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (venue_id, stream) DO UPDATE SET seq = EXCLUDED.seq, id = EXCLUDED.id`,
    [venueId, stream, checkpoint.seq, checkpoint.id],
  );
}
