// The entries a venue's staff do not back (SPEC: "The endpoint never drops an entry for its
// author's role: it lists it for a manager"): every entry is stored and counted as it came; this
// only reads them back through the one rule of what to look at (shared/staff/entryAudit.ts), for
// the admin route and `npm run server -- audit list`.
import type { Queryable } from './database';
import { listStaff } from './staff';
import { ledgerEntrySchema } from '../../shared/schema/records';
import { auditEntryStaff } from '../../shared/staff/entryAudit';
import type { AuditedEntry } from '../../shared/schema/syncContract';

/** The venue's audited entries, oldest first (by the order the endpoint stored them). */
export async function auditedEntries(db: Queryable, venueId: string): Promise<AuditedEntry[]> {
  const members = new Map((await listStaff(db, venueId)).map((member) => [member.id, member]));
  // Only entries that name a staff id can be audited: older ones, and desks without staff, carry a typed name.
  const rows = await db.query<{ json: string }>(
    `SELECT body::text AS json FROM documents
      WHERE venue_id = $1 AND collection = 'ledger' AND body ? 'staffId'
      ORDER BY seq`,
    [venueId],
  );
  const audited: AuditedEntry[] = [];
  for (const row of rows) {
    const parsed = ledgerEntrySchema.safeParse(JSON.parse(row.json));
    if (!parsed.success) continue;
    const entry = parsed.data;
    const problem = auditEntryStaff(entry, (id) => members.get(id));
    if (problem === null || entry.staffId === undefined) continue;
    audited.push({
      entryId: entry.id, kind: entry.kind, at: entry.at, deskId: entry.deskId, customerId: entry.customerId, passId: entry.passId,
      staff: entry.staff, staffId: entry.staffId, ...(entry.authorisedBy === undefined ? {} : { authorisedBy: entry.authorisedBy }), problem,
    });
  }
  return audited;
}
