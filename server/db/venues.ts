// Venues: each one a separate world of customers, passes and ledger, reached only with a
// device token of its own.
import type { Queryable } from './database';
import type { Venue } from '../../shared/schema/records';

export async function createVenue(db: Queryable, venue: Venue): Promise<{ ok: true } | { ok: false; error: 'venue-exists' }> {
  const rows = await db.query(
    'INSERT INTO venues (id, time_zone, name, locale, lock_after_minutes) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING 1',
    [venue.id, venue.timeZone, venue.name ?? null, venue.locale ?? null, venue.lockAfterMinutes ?? null],
  );
  return rows.length > 0 ? { ok: true } : { ok: false, error: 'venue-exists' };
}

export async function findVenue(db: Queryable, venueId: string): Promise<Venue | null> {
  const rows = await db.query<VenueRow>('SELECT id, time_zone, name, locale, lock_after_minutes FROM venues WHERE id = $1', [venueId]);
  const row = rows[0];
  return row ? venueOf(row) : null;
}

export async function listVenues(db: Queryable): Promise<Venue[]> {
  const rows = await db.query<VenueRow>('SELECT id, time_zone, name, locale, lock_after_minutes FROM venues ORDER BY id');
  return rows.map(venueOf);
}

export type VenueRow = { id: string; time_zone: string; name: string | null; locale: string | null; lock_after_minutes?: number | null };

/** A venue's row as the venue the desks see (no locale stored: the desk's default, en-GB). */
export function venueOf(row: VenueRow): Venue {
  return { id: row.id, timeZone: row.time_zone, ...(row.name ? { name: row.name } : {}), ...(row.locale ? { locale: row.locale } : {}), ...(row.lock_after_minutes ? { lockAfterMinutes: row.lock_after_minutes } : {}) };
}
