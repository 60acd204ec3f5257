// SPEC: "The endpoint never drops an entry for its author's role: it lists it for a manager."
// An entry is stored and counted whatever its author (a desk offline for a week may have
// signed in with a PIN the venue changed since); the check here only says what a manager
// should look at: its staff unknown to the venue, no longer active, or short of the role its
// kind needs (and not authorised by someone whose role is enough).
import type { LedgerEntry, LedgerKind } from '../schema/records';
import type { StaffMember } from './staffRecords';
import type { StaffRole } from './staffRoles';
import { roleReaches } from './staffRoles';

/** The least role each kind of entry needs (leastRoles.ts says the same of the calls that write them). */
export const leastRoleOfEntry: Record<LedgerKind, StaffRole> = {
  'check-in': 'door',
  // Door staff undo their own check-ins of the day; who undid whose is for the history to show.
  'undo-check-in': 'door',
  'expiry-override': 'manager',
  'uses-override': 'manager',
  revoke: 'manager',
};

export type StaffAuditProblem = 'unknown-staff' | 'inactive-staff' | 'role-short';

/**
 * What is wrong with who wrote `entry`, or null. An entry without a staff id (written before
 * staff existed, or at a desk without staff) names a typed name only: nothing to check.
 */
export function auditEntryStaff(entry: Pick<LedgerEntry, 'kind' | 'staffId' | 'authorisedById'>, staffById: (id: string) => StaffMember | undefined): StaffAuditProblem | null {
  if (entry.staffId === undefined) return null;
  const author = staffById(entry.staffId);
  if (!author) return 'unknown-staff';
  if (!author.active) return 'inactive-staff';
  const least = leastRoleOfEntry[entry.kind];
  if (roleReaches(author.role, least)) return null;
  const authoriser = entry.authorisedById === undefined ? undefined : staffById(entry.authorisedById);
  return authoriser && authoriser.active && roleReaches(authoriser.role, least) ? null : 'role-short';
}
