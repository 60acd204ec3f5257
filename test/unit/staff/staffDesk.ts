// Test data for the staff tests: a small venue, and one active person of each role (and one
// deactivated) with their PINs and the records a desk gets from the endpoint.
import { hashPin } from '../../../shared/staff/pinHash';
import type { StaffRecord } from '../../../shared/staff/staffRecords';
import type { StaffRole } from '../../../shared/staff/staffRoles';
import type { VenueData } from '../../../shared/schema/records';
import { nodePinKdf } from '../../../main/state/pinKdf';

export const staffVenue: VenueData = {
  venue: { id: 'v-staff', timeZone: 'Europe/London' },
  products: [],
  customers: [{ id: 'c-ada', name: 'Ada Lovelace' }, { id: 'c-ben', name: 'Ben Okri' }],
  passes: ['ada', 'ben'].map((who) => ({
    id: `x-${who}`, customerId: `c-${who}`, productId: 'p', productName: '10 classes',
    purchasedAt: '2026-01-05T10:00:00Z', code: `PASS-${who}`, terms: { uses: 10, expiry: { kind: 'none' as const }, validFor: 'all' as const },
  })),
  sessions: [],
  bookings: [],
  ledger: [],
};

export type Person = { record: StaffRecord; pin: string };

export function staffRecordsFor(): { all: StaffRecord[]; byRole: Record<StaffRole, Person>; inactive: Person } {
  const person = (id: string, name: string, role: StaffRole, pin: string, active = true): Person => ({ record: { id, name, role, active, pinHash: hashPin(nodePinKdf, pin) }, pin });
  const byRole = { door: person('st-door', 'Dora Door', 'door', '1111'), manager: person('st-manager', 'Mani Manager', 'manager', '2222'), admin: person('st-admin', 'Ada Admin', 'admin', '3333') };
  const inactive = person('st-gone', 'Gone Person', 'manager', '4444', false);
  return { all: [...Object.values(byRole).map((entry) => entry.record), inactive.record], byRole, inactive };
}
