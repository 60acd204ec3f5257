// A venue's staff (SPEC "Staff, roles and the kiosk"): added, given another role, a new PIN,
// deactivated; never deleted (history names them). The PIN hash leaves this file only in
// `staffRecords`, for the desks of the venue (GET /sync/staff), never in an admin answer.
import { randomUUID } from 'node:crypto';
import type { Queryable } from './database';
import type { StaffMember, StaffRecord } from '../../shared/staff/staffRecords';
import type { StaffRole } from '../../shared/staff/staffRoles';

type StaffRow = { id: string; name: string; role: StaffRole; active: boolean; pin_hash: string };

export type StaffChange = { role?: StaffRole; pinHash?: string; active?: boolean };

export async function addStaff(db: Queryable, venueId: string, member: { name: string; role: StaffRole; pinHash: string }): Promise<{ ok: true; staff: StaffMember } | { ok: false; error: 'unknown-venue' | 'staff-exists' }> {
  const id = randomUUID();
  const rows = await db.query<{ inserted: boolean; venue: boolean }>(
    `WITH venue AS (SELECT id FROM venues WHERE id = $1),
          added AS (
            INSERT INTO staff (venue_id, id, name, role, pin_hash)
            SELECT id, $2, $3, $4, $5 FROM venue
            ON CONFLICT (venue_id, name) DO NOTHING
            RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM added) AS inserted, EXISTS (SELECT 1 FROM venue) AS venue`,
    [venueId, id, member.name, member.role, member.pinHash],
  );
  const row = rows[0]!;
  if (!row.venue) return { ok: false, error: 'unknown-venue' };
  if (!row.inserted) return { ok: false, error: 'staff-exists' };
  return { ok: true, staff: { id, name: member.name, role: member.role, active: true } };
}

/** Changes one member, found by id or by name. */
export async function changeStaff(db: Queryable, venueId: string, idOrName: string, change: StaffChange): Promise<{ ok: true; staff: StaffMember } | { ok: false; error: 'unknown-staff' }> {
  const rows = await db.query<StaffRow>(
    `UPDATE staff SET role = coalesce($3, role), pin_hash = coalesce($4, pin_hash), active = coalesce($5, active), updated_at = now()
      WHERE venue_id = $1 AND id = (SELECT id FROM staff WHERE venue_id = $1 AND (id = $2 OR name = $2) ORDER BY id = $2 DESC LIMIT 1)
      RETURNING id, name, role, active, pin_hash`,
    [venueId, idOrName, change.role ?? null, change.pinHash ?? null, change.active ?? null],
  );
  const row = rows[0];
  return row ? { ok: true, staff: memberOfRow(row) } : { ok: false, error: 'unknown-staff' };
}

export async function listStaff(db: Queryable, venueId: string): Promise<StaffMember[]> {
  return (await staffRows(db, venueId)).map(memberOfRow);
}

/** Every member of the venue with the PIN hash: for the venue's desks only. */
export async function staffRecords(db: Queryable, venueId: string): Promise<StaffRecord[]> {
  return (await staffRows(db, venueId)).map((row) => ({ ...memberOfRow(row), pinHash: row.pin_hash }));
}

async function staffRows(db: Queryable, venueId: string): Promise<StaffRow[]> {
  return db.query<StaffRow>('SELECT id, name, role, active, pin_hash FROM staff WHERE venue_id = $1 ORDER BY name, id', [venueId]);
}

function memberOfRow(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role, active: row.active };
}

/**
 * A venue hub's copy of upstream's staff (server/hub/upstreamRelay.ts): each member as upstream
 * holds it, by id, so that the hub's desks sign people in as upstream's would.
 */
export async function mirrorStaff(db: Queryable, venueId: string, records: readonly StaffRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `INSERT INTO staff (venue_id, id, name, role, active, pin_hash)
     SELECT $1, member->>'id', member->>'name', member->>'role', (member->>'active')::boolean, member->>'pinHash'
       FROM jsonb_array_elements($2::jsonb) AS member
     ON CONFLICT (venue_id, id) DO UPDATE
        SET name = EXCLUDED.name, role = EXCLUDED.role, active = EXCLUDED.active, pin_hash = EXCLUDED.pin_hash, updated_at = now()
      WHERE (staff.name, staff.role, staff.active, staff.pin_hash) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.role, EXCLUDED.active, EXCLUDED.pin_hash)`,
    [venueId, JSON.stringify(records)],
  );
}
