// A customer checks themselves in at the kiosk (SPEC "Kiosk mode"): by their pass's code
// (scanned) or their full email, never by a part of either, so that nothing typed there finds
// someone else. The answer holds only what the kiosk shows them: their first name, uses left,
// expiry, or "booked in"; anything the desk would refuse is "please see the front desk",
// without the reasons staff see.
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { normalizePassCode } from '../../shared/search/customerSearch';
import { firstNameOf, kioskSession } from '../../shared/rules/kioskSession';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { DeskContext } from '../state/deskContext';
import { checkIn } from './checkIn';

export async function kioskCheckIn(desk: DeskContext, { identifier }: DeskApiPayloads['kioskCheckIn']): Promise<DeskApiResults['kioskCheckIn']> {
  const { memory } = desk;
  const venue = memory.venue;
  if (!desk.kiosk.on) return { ...refuse('invalid-input'), note: { note: 'not-a-kiosk' } };
  if (!venue) return { ok: true, outcome: 'see-front-desk' };
  const customerId = identifier.includes('@') ? customerByEmail(desk, identifier) : customerByCode(desk, identifier);
  const customer = customerId ? memory.customers.get(customerId) : undefined;
  if (!customer) return { ok: true, outcome: 'see-front-desk' };
  const nowMs = desk.now();
  const today = venueDayOf(nowMs, venue.timeZone);
  const todays = [...memory.sessions.values()].filter((session) => venueDayOf(session.startsAt, venue.timeZone) === today);
  const booked = new Set(todays.filter((session) => memory.bookingFor(session.id, customer.id)).map((session) => session.id));
  const session = kioskSession(todays, booked, nowMs);
  const firstName = firstNameOf(customer.name);
  const result = await checkIn(desk, { customerId: customer.id, sessionId: session?.id ?? null });
  if (result.ok) {
    return result.charged
      ? { ok: true, outcome: 'checked-in', firstName, remaining: result.remaining, expiresOn: result.expiresOn, sessionName: session?.name ?? null }
      : { ok: true, outcome: 'booked', firstName, sessionName: session?.name ?? null };
  }
  if (result.error === 'already-checked-in') return { ok: true, outcome: 'already', firstName };
  // Storage refusals are the desk's, not the customer's: said as they are.
  if (result.error === 'storage-full' || result.error === 'storage-lost' || result.error === 'internal') return refuse(result.error);
  return { ok: true, outcome: 'see-front-desk' };
}

function customerByCode(desk: DeskContext, typed: string): string | undefined {
  const code = normalizePassCode(typed);
  if (code === '') return undefined;
  for (const pass of desk.memory.passes.values()) if (pass.code !== '' && normalizePassCode(pass.code) === code) return pass.customerId;
  return undefined;
}

function customerByEmail(desk: DeskContext, typed: string): string | undefined {
  const email = typed.trim().toLocaleLowerCase();
  const found = [...desk.memory.customers.values()].filter((customer) => (customer.email ?? '').trim().toLocaleLowerCase() === email);
  // An email two customers share names neither: the front desk sorts it out.
  return found.length === 1 ? found[0]!.id : undefined;
}
