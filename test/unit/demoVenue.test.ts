// The demo venue: deterministic, a file the desk accepts, and a past the desk's own rules
// could have written (oldest eligible pass first, nothing overdrawn).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Booking, LedgerEntry, Pass, VenueData } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import { chooseOldestEligiblePass, type PassCandidate } from '../../shared/rules/eligibility';
import { parseHlc } from '../../shared/rules/hybridLogicalClock';
import { foldPassState } from '../../shared/rules/passState';
import { instantMs, venueDayOf } from '../../shared/rules/venueTime';
import { generateDemoVenue, planDemoVenue, sessionsPerDayFor } from '../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';

// The day the clocks go forward in London: sessions must still be at their wall-clock times.
const today = '2026-03-29';
const timeZone = 'Europe/London';
const options = (customers: number, seed = 7) => ({ customers, seed, today, timeZone });

function resolved(customers: number, seed = 7): VenueData {
  const result = resolveVenueFile(generateDemoVenue(options(customers, seed)));
  if (!result.ok) throw new Error(`the demo venue is refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.data;
}

describe('the demo venue generator', () => {
  it('gives the same venue for the same seed and a different one for another seed', () => {
    expect(generateDemoVenue(options(50, 1))).toEqual(generateDemoVenue(options(50, 1)));
    const other = generateDemoVenue(options(50, 2));
    expect(other.customers).not.toEqual(generateDemoVenue(options(50, 1)).customers);
    expect(other.ledger).not.toEqual(generateDemoVenue(options(50, 1)).ledger);
  });

  it('streams exactly the ledger it would return whole, every time it is asked', () => {
    const plan = planDemoVenue(options(120));
    const first = [...plan.ledgerEntries()];
    expect(first).toHaveLength(plan.ledgerSize);
    expect([...plan.ledgerEntries()]).toEqual(first);
    expect(generateDemoVenue(options(120)).ledger).toEqual(first);
  });

  it.each([0, 1, 10, 500])('makes a venue of %i customers that resolves without a single mistake', (customers) => {
    const data = resolved(customers);
    expect(data.customers).toHaveLength(customers);
    expect(data.passes.length).toBeGreaterThanOrEqual(customers);
    expect(data.passes.length).toBeLessThanOrEqual(customers * 4);
  });

  it('writes every ledger entry in the shape of the desk ledger, stamped like a desk', () => {
    const data = resolved(500);
    for (const entry of data.ledger) {
      expect(ledgerEntrySchema.safeParse(entry).success).toBe(true);
      const stamp = parseHlc(entry.hlc);
      expect(stamp.deskId).toBe(entry.deskId);
      expect(stamp.wallMs).toBe(instantMs(entry.at));
      expect(entry.deskId).toMatch(/^desk-[1-4]$/);
      if (entry.kind === 'check-in') expect(entry.venueDay).toBe(venueDayOf(entry.at, timeZone));
    }
    expect(new Set(data.ledger.map((entry) => entry.id)).size).toBe(data.ledger.length);
  });

  it('has about 50 sessions today in a large venue and about 8 in a small one, at wall-clock times in the venue zone', () => {
    expect(sessionsPerDayFor(100_000)).toBe(50);
    expect(sessionsPerDayFor(200)).toBe(8);
    const data = resolved(200);
    const todays = data.sessions.filter((session) => venueDayOf(session.startsAt, timeZone) === today);
    expect(todays).toHaveLength(8);
    const dayBefore = data.sessions.filter((session) => venueDayOf(session.startsAt, timeZone) === '2026-03-28');
    expect(dayBefore.length).toBeGreaterThan(0);
    expect(data.sessions.some((session) => venueDayOf(session.startsAt, timeZone) > today)).toBe(true);
    for (const session of [...todays, ...dayBefore]) {
      const local = DateTime.fromISO(session.startsAt, { zone: timeZone });
      const minute = local.hour * 60 + local.minute;
      expect(minute).toBeGreaterThanOrEqual(6 * 60 + 30);
      expect(minute).toBeLessThanOrEqual(20 * 60 + 45);
      expect(minute % 15).toBe(0);
      expect(instantMs(session.endsAt)).toBeGreaterThan(instantMs(session.startsAt));
    }
  });

  it('has names with accents and apostrophes, and plain ASCII emails made from them', () => {
    const data = resolved(500);
    expect(data.customers.some((customer) => /[À-ɏ]/.test(customer.name))).toBe(true);
    expect(data.customers.some((customer) => customer.name.includes("'"))).toBe(true);
    expect(data.customers.some((customer) => customer.name.includes('-'))).toBe(true);
    const emails = data.customers.flatMap((customer) => (customer.email ? [customer.email] : []));
    expect(emails.length).toBeGreaterThan(400);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9._-]+@[a-z.]+$/);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('sells passes of every kind: no expiry, fixed (some already past), relative (some never used), limited and unlimited, for all or some categories', () => {
    const data = resolved(500);
    const terms = data.passes.map((pass) => pass.terms);
    expect(terms.some((t) => t.expiry.kind === 'none')).toBe(true);
    expect(terms.some((t) => t.expiry.kind === 'fixed' && t.expiry.date < today)).toBe(true);
    expect(terms.some((t) => t.expiry.kind === 'fixed' && t.expiry.date >= today)).toBe(true);
    expect(terms.some((t) => t.uses === null)).toBe(true);
    expect(terms.some((t) => t.uses !== null)).toBe(true);
    expect(terms.some((t) => t.validFor === 'all')).toBe(true);
    expect(terms.some((t) => Array.isArray(t.validFor))).toBe(true);
    const used = new Set([...data.ledger.map((entry) => entry.passId), ...data.bookings.map((booking) => booking.passId)]);
    expect(data.passes.some((pass) => pass.terms.expiry.kind === 'relative' && !used.has(pass.id))).toBe(true);
    expect(data.passes.every((pass) => /^PASS-\d{6}$/.test(pass.code))).toBe(true);
  });

  it('has about 2 passes and 10 ledger entries a customer, with undos, overrides and revocations among them', () => {
    const plan = planDemoVenue(options(3000));
    expect(plan.passes.length / 3000).toBeGreaterThan(1.8);
    expect(plan.passes.length / 3000).toBeLessThan(2.2);
    expect(plan.ledgerSize / 3000).toBeGreaterThan(9);
    expect(plan.ledgerSize / 3000).toBeLessThan(11);
    const kinds = new Set<string>();
    for (const entry of plan.ledgerEntries()) kinds.add(entry.kind);
    expect([...kinds].sort()).toEqual(['check-in', 'expiry-override', 'revoke', 'undo-check-in', 'uses-override']);
  });
});

describe('the demo venue past, judged by the desk rules', () => {
  const data = resolved(400, 11);
  const sessions = new Map(data.sessions.map((session) => [session.id, session]));
  const passesOf = new Map<string, Pass[]>();
  for (const pass of data.passes) passesOf.set(pass.customerId, [...(passesOf.get(pass.customerId) ?? []), pass]);
  const entriesOf = new Map<string, LedgerEntry[]>();
  for (const entry of data.ledger) entriesOf.set(entry.passId, [...(entriesOf.get(entry.passId) ?? []), entry]);
  const bookingsOf = new Map<string, Booking[]>();
  for (const booking of data.bookings) if (booking.passId) bookingsOf.set(booking.passId, [...(bookingsOf.get(booking.passId) ?? []), booking]);

  /** The customer's passes as a check-in at `atMs` would see them, from everything before it. */
  function candidatesAt(customerId: string, atMs: number): PassCandidate<Pass>[] {
    return (passesOf.get(customerId) ?? []).map((pass) => ({
      pass,
      terms: pass.terms,
      state: foldPassState(
        pass,
        (bookingsOf.get(pass.id) ?? []).filter((booking) => instantMs(booking.bookedAt) < atMs),
        (entriesOf.get(pass.id) ?? []).filter((entry) => instantMs(entry.at) < atMs),
        timeZone,
        atMs,
      ),
    }));
  }

  it('charged every check-in to the oldest pass eligible for its session at that moment', () => {
    const checkIns = data.ledger.filter((entry) => entry.kind === 'check-in');
    expect(checkIns.length).toBeGreaterThan(1000);
    for (const entry of checkIns) {
      const session = entry.sessionId === '' ? null : sessions.get(entry.sessionId)!;
      const choice = chooseOldestEligiblePass(candidatesAt(entry.customerId, instantMs(entry.at)), session);
      expect(choice.kind === 'redeem' ? choice.candidate.pass.id : choice).toBe(entry.passId);
    }
  });

  it('paid every booking with a pass the customer could use for that session, and overdrew no pass', () => {
    const paid = data.bookings.filter((booking) => booking.passId);
    expect(paid.length).toBeGreaterThan(0);
    for (const booking of paid) {
      const choice = chooseOldestEligiblePass(candidatesAt(booking.customerId, instantMs(booking.bookedAt)), sessions.get(booking.sessionId)!);
      expect(choice.kind === 'redeem' ? choice.candidate.pass.id : choice).toBe(booking.passId);
    }
    const endOfToday = DateTime.fromISO(today, { zone: timeZone }).endOf('day').toMillis();
    for (const pass of data.passes) {
      const state = foldPassState(pass, bookingsOf.get(pass.id) ?? [], entriesOf.get(pass.id) ?? [], timeZone, endOfToday);
      expect(state.overdrawnBy).toBe(0);
    }
  });

  it('undid only check-ins that were made, of the same pass', () => {
    const byId = new Map(data.ledger.map((entry) => [entry.id, entry]));
    const undos = data.ledger.filter((entry) => entry.kind === 'undo-check-in');
    expect(undos.length).toBeGreaterThan(0);
    for (const undo of undos) {
      const checkIn = byId.get(undo.checkInId)!;
      expect(checkIn.kind).toBe('check-in');
      expect(checkIn.passId).toBe(undo.passId);
      expect(instantMs(undo.at)).toBeGreaterThan(instantMs(checkIn.at));
    }
  });
});
