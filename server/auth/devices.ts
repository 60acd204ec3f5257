// Devices: a desk is paired with one venue by a device token (SPEC "A desk is paired with a
// venue by the endpoint's URL and a device token (issued by the server's admin command,
// revocable)"). The token decides the venue of every request, so a desk can never name, and
// never reach, another venue. Every request checks revocation against the database (a push in
// its own statement, see deviceIdentities.ts), so a revoked token stops working at once, in
// every server process.
import type { Database, Queryable } from '../db/database';
import type { Venue } from '../../shared/schema/records';
import { venueOf } from '../db/venues';
import { announce } from '../sync/changeNotices';
import { hashToken, newDeviceId, newToken } from './tokens';

export type AuthenticatedDevice = { deviceId: string; venue: Venue };

export type DeviceCheck =
  | { ok: true; device: AuthenticatedDevice }
  | { ok: false; error: 'invalid-token' | 'token-revoked' };

/** The device of a token, by the token's hash (requestAuth.ts keys what it remembers by it). */
export async function authenticateTokenHash(db: Queryable, tokenHash: string): Promise<DeviceCheck> {
  const rows = await db.query<{ id: string; revoked: boolean; venue_id: string; time_zone: string; name: string | null; locale: string | null; lock_after_minutes: number | null }>(
    `SELECT d.id, d.revoked_at IS NOT NULL AS revoked, v.id AS venue_id, v.time_zone, v.name, v.locale, v.lock_after_minutes
       FROM devices d JOIN venues v ON v.id = d.venue_id
      WHERE d.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return { ok: false, error: 'invalid-token' };
  if (row.revoked) return { ok: false, error: 'token-revoked' };
  const venue: Venue = venueOf({ id: row.venue_id, time_zone: row.time_zone, name: row.name, locale: row.locale, lock_after_minutes: row.lock_after_minutes });
  return { ok: true, device: { deviceId: row.id, venue } };
}

/** Whether the device may still sync (checked again by open streams, between messages). */
export async function deviceIsActive(db: Queryable, deviceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM devices WHERE id = $1 AND revoked_at IS NULL', [deviceId]);
  return rows.length > 0;
}

export type IssuedDevice = { deviceId: string; token: string };

export async function issueDevice(db: Queryable, venueId: string, name?: string): Promise<{ ok: true; device: IssuedDevice } | { ok: false; error: 'unknown-venue' }> {
  const token = newToken();
  const deviceId = newDeviceId();
  const rows = await db.query(
    `INSERT INTO devices (id, venue_id, name, token_hash)
     SELECT $1, id, $3, $4 FROM venues WHERE id = $2
     RETURNING id`,
    [deviceId, venueId, name ?? null, hashToken(token)],
  );
  return rows.length === 0 ? { ok: false, error: 'unknown-venue' } : { ok: true, device: { deviceId, token } };
}

export type RevokedDevice = { deviceId: string; venueId: string; alreadyRevoked: boolean };

/** Revokes by device id or by the token itself; the device's open streams end in every process. */
export async function revokeDevice(db: Database, deviceIdOrToken: string): Promise<{ ok: true; device: RevokedDevice } | { ok: false; error: 'unknown-device' }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; venue_id: string; revoked_at: Date | null }>(
      'SELECT id, venue_id, revoked_at FROM devices WHERE id = $1 OR token_hash = $2 FOR UPDATE',
      [deviceIdOrToken, hashToken(deviceIdOrToken)],
    );
    const row = rows[0];
    if (!row) return { ok: false, error: 'unknown-device' } as const;
    if (!row.revoked_at) await tx.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [row.id]);
    await announce(tx, { kind: 'device-revoked', deviceId: row.id });
    return { ok: true, device: { deviceId: row.id, venueId: row.venue_id, alreadyRevoked: row.revoked_at !== null } } as const;
  });
}

export type DeviceListing = { deviceId: string; name: string | null; createdAt: string; revokedAt: string | null };

export async function listDevices(db: Queryable, venueId: string): Promise<{ ok: true; devices: DeviceListing[] } | { ok: false; error: 'unknown-venue' }> {
  const venue = await db.query('SELECT 1 FROM venues WHERE id = $1', [venueId]);
  if (venue.length === 0) return { ok: false, error: 'unknown-venue' };
  const rows = await db.query<{ id: string; name: string | null; created_at: Date; revoked_at: Date | null }>(
    'SELECT id, name, created_at, revoked_at FROM devices WHERE venue_id = $1 ORDER BY created_at, id',
    [venueId],
  );
  return {
    ok: true,
    devices: rows.map((row) => ({
      deviceId: row.id,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    })),
  };
}
