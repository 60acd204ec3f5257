// Check-in at the door (SPEC "Check-in at the door", "Which pass a check-in uses").
import type { CheckInResult, DeskApiPayloads } from '../../shared/schema/api';
import type { CheckInEntry, Session } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import { earlierCheckInsOf, occasionKey } from '../../shared/rules/duplicateCheckIn';
import { chooseOldestEligiblePass } from '../../shared/rules/eligibility';
import { passStateFromTally } from '../../shared/rules/passState';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { DeskContext } from '../state/deskContext';
import { passCandidatesOf } from '../queries/passViews';

export async function checkIn(desk: DeskContext, input: DeskApiPayloads['checkIn']): Promise<CheckInResult> {
  const { customerId, sessionId, confirmDuplicate } = input;
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const customer = memory.customers.get(customerId);
  if (!customer) return refuse('unknown-customer');
  let session: Session | null = null;
  if (sessionId !== null) {
    session = memory.sessions.get(sessionId) ?? null;
    if (!session) return refuse('unknown-session');
  }

  const nowMs = desk.now();
  const occasion = { customerId, sessionId: sessionId ?? '', venueDay: venueDayOf(nowMs, venue.timeZone) };
  const earlier = earlierCheckInsOf(occasion, memory.checkInsFor(occasionKey(occasion)), memory.undoneIds);
  if (earlier.length > 0 && !confirmDuplicate) return refuse('already-checked-in');

  const base = {
    id: desk.newEntryId(),
    venueId: venue.id,
    customerId,
    sessionId: occasion.sessionId,
    venueDay: occasion.venueDay,
    deskId: desk.deskId,
    ...desk.actor(),
    reason: '',
    at: new Date(nowMs).toISOString(),
    hlc: '',
  };

  // SPEC: "Checking in a customer who booked the session marks attendance and redeems
  // nothing again." A confirmed second check-in is charged like a walk-in.
  const booking = session && earlier.length === 0 ? memory.bookingFor(session.id, customerId) : undefined;
  if (booking) {
    const entry: CheckInEntry = { ...base, kind: 'check-in', charged: false, bookingId: booking.id, passId: booking.passId ?? '', hlc: desk.nextHlc(nowMs) };
    await desk.appendLedger(entry);
    return { ok: true, charged: false, checkInId: entry.id, bookingId: booking.id, passId: booking.passId ?? null, customerId, sessionId };
  }

  const choice = chooseOldestEligiblePass(passCandidatesOf(memory, customerId, venue.timeZone, nowMs), session);
  if (choice.kind === 'no-passes') return refuse('no-passes');
  if (choice.kind === 'no-eligible-pass') return { ok: false, error: 'no-eligible-pass', passes: choice.passes };

  const pass = choice.candidate.pass;
  const entry: CheckInEntry = { ...base, kind: 'check-in', charged: true, bookingId: '', passId: pass.id, hlc: desk.nextHlc(nowMs) };
  await desk.appendLedger(entry);
  const after = passStateFromTally(memory.tallyOf(pass), venue.timeZone, nowMs);
  return { ok: true, charged: true, checkInId: entry.id, passId: pass.id, remaining: after.remaining, expiresOn: after.expiresOn, customerId, sessionId };
}
