// Looking customers and passes up: search, the door's search with its preview, a customer's
// overview, a pass and its history.
import type { CheckInPreview, DeskApiPayloads, DeskApiResults, SearchHit } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { chooseOldestEligiblePass, compareNewestFirst } from '../../shared/rules/eligibility';
import { earlierCheckInsOf, occasionKey } from '../../shared/rules/duplicateCheckIn';
import { passHistory as foldHistory } from '../../shared/rules/passHistory';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { DeskContext } from '../state/deskContext';
import type { VenueMemory } from '../state/venueMemory';
import { passCandidatesOf, passViewOf } from './passViews';
import { searchHits } from '../../shared/search/searchHits';

export function search(desk: DeskContext, input: DeskApiPayloads['search']): DeskApiResults['search'] {
  return { ok: true, hits: hitsFor(desk.memory, input.query, input.limit) };
}

/** The door's box: the matches and what Enter would do for the first, in one answer (one round trip, one paint). */
export function findAtDoor(desk: DeskContext, input: DeskApiPayloads['findAtDoor']): DeskApiResults['findAtDoor'] {
  const hits = hitsFor(desk.memory, input.query, input.limit);
  const first = hits[0];
  return { ok: true, hits, previewOfFirst: first ? doorPreviewOf(desk, first.customer.id, input.sessionId) : null };
}

function hitsFor(memory: VenueMemory, query: string, limit = 10): SearchHit[] {
  return searchHits(memory.search, memory.customers, query, limit);
}

export function customerOverview(desk: DeskContext, input: DeskApiPayloads['customerOverview']): DeskApiResults['customerOverview'] {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const customer = memory.customers.get(input.customerId);
  if (!customer) return refuse('unknown-customer');
  const nowMs = desk.now();
  const passes = [...memory.passesOf(customer.id)].sort(compareNewestFirst).map((pass) => passViewOf(memory, pass, venue.timeZone, nowMs));
  return { ok: true, overview: { customer, passes } };
}

export function passState(desk: DeskContext, input: DeskApiPayloads['passState']): DeskApiResults['passState'] {
  const venue = desk.memory.venue;
  if (!venue) return refuse('no-venue');
  const pass = desk.memory.passes.get(input.passId);
  if (!pass) return refuse('unknown-pass');
  return { ok: true, view: passViewOf(desk.memory, pass, venue.timeZone, desk.now()) };
}

export async function passHistory(desk: DeskContext, input: DeskApiPayloads['passHistory']): Promise<DeskApiResults['passHistory']> {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const pass = memory.passes.get(input.passId);
  if (!pass) return refuse('unknown-pass');
  // The whole history is read from the database: memory holds only the pass's summary and its recent entries.
  const entries = await desk.ledger.entriesOfPass(pass.id);
  return { ok: true, items: foldHistory(pass, memory.bookingsPaidWith(pass.id), entries, venue.timeZone) };
}

/** What the key would do now: which pass, and why ("oldest pass first"), before it is pressed. */
export function previewCheckIn(desk: DeskContext, input: DeskApiPayloads['previewCheckIn']): DeskApiResults['previewCheckIn'] {
  return doorPreviewOf(desk, input.customerId, input.sessionId);
}

function doorPreviewOf(desk: DeskContext, customerId: string, sessionId: string | null): DeskApiResults['previewCheckIn'] {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  if (!memory.customers.has(customerId)) return refuse('unknown-customer');
  const session = sessionId === null ? null : memory.sessions.get(sessionId);
  if (session === undefined) return refuse('unknown-session');
  const nowMs = desk.now();
  const occasion = { customerId, sessionId: sessionId ?? '', venueDay: venueDayOf(nowMs, venue.timeZone) };
  const alreadyCheckedIn = earlierCheckInsOf(occasion, memory.checkInsFor(occasionKey(occasion)), memory.undoneIds).length > 0;
  const booking = session ? memory.bookingFor(session.id, customerId) : undefined;
  let preview: CheckInPreview;
  if (booking && !alreadyCheckedIn) {
    preview = { kind: 'attendance', bookingId: booking.id, alreadyCheckedIn };
  } else {
    const choice = chooseOldestEligiblePass(passCandidatesOf(memory, customerId, venue.timeZone, nowMs), session);
    preview = choice.kind === 'redeem'
      ? { kind: 'redeem', passId: choice.candidate.pass.id, state: choice.candidate.state, alreadyCheckedIn }
      : choice.kind === 'no-passes'
        ? { kind: 'no-passes', alreadyCheckedIn }
        : { kind: 'no-eligible-pass', passes: choice.passes, alreadyCheckedIn };
  }
  // The panel names the passes it speaks of (newest first, as the customer's overview lists them).
  const passes = [...memory.passesOf(customerId)].sort(compareNewestFirst).map((pass) => passViewOf(memory, pass, venue.timeZone, nowMs));
  return { ok: true, preview, passes };
}
