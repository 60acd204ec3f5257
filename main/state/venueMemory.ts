// What a check-in must read, kept in memory in main (docs/architecture.md: "keep what a
// check-in must read in memory in main ... so that a check-in costs one write"). It is
// derived from the collections and kept current from RxDB's change events; the ledger in
// the database stays the truth, this is a cache of it that can always be rebuilt.
//
// Of the ledger it keeps one summary per pass (shared/rules/passSummary.ts), which is all a
// pass's state needs, and the entries it has read since start or that arrived since: the
// recent ones, which the duplicate rule, the attendee lists, the door's last check-ins and
// the review list read. A pass's full history is read from the database when it is asked for.
import type { Booking, CheckInEntry, Customer, LedgerEntry, Pass, PassSummaryRecord, Product, Session, Venue } from '../../shared/schema/records';
import type { PassTally } from '../../shared/rules/passState';
import { tallyOfSummary } from '../../shared/rules/passState';
import { PassSummary } from '../../shared/rules/passSummary';
import { occasionKey } from '../../shared/rules/duplicateCheckIn';
import type { RetimedFields } from '../../shared/rules/retimeEntry';
import { compareOldestFirst } from '../../shared/rules/eligibility';
import { CustomerSearch } from '../../shared/search/customerSearch';
import { SearchFeed } from './searchFeed';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeWhere<K, V>(map: Map<K, V[]>, key: K, drop: (value: V) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((value) => !drop(value));
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}

const EMPTY_SUMMARY = new PassSummary();

export class VenueMemory {
  venue: Venue | null = null;
  readonly customers = new Map<string, Customer>();
  readonly products = new Map<string, Product>();
  readonly passes = new Map<string, Pass>();
  readonly sessions = new Map<string, Session>();
  readonly bookings = new Map<string, Booking>();
  /** The ledger entries held in memory (see above): not the whole ledger. */
  readonly ledger = new Map<string, LedgerEntry>();
  readonly search = new CustomerSearch();
  /** The search's changes, for the renderer's own copy of it. */
  readonly searchFeed = new SearchFeed();
  /** Every pass's ledger, summed up: what its state needs. */
  private readonly summaries = new Map<string, PassSummary>();

  /** A customer's passes, oldest first (the order a check-in tries them). */
  private readonly passesByCustomer = new Map<string, Pass[]>();
  private readonly bookingsByPass = new Map<string, Booking[]>();
  private readonly bookingsBySession = new Map<string, Booking[]>();
  private readonly entriesByPass = new Map<string, LedgerEntry[]>();
  private readonly checkInsByOccasion = new Map<string, CheckInEntry[]>();
  private readonly checkInsBySession = new Map<string, CheckInEntry[]>();
  private readonly undone = new Set<string>();
  private readonly tallies = new Map<string, PassTally>();
  /**
   * A new desk's first sync is bringing the door's records in (main/sync/snapshotSync.ts):
   * until they are all in, what memory holds is partial and nothing may be answered from it.
   */
  arriving = false;
  /**
   * Entries of a bulk load's history bundles, and how many of them are also held whole as
   * recent ones: with the entries written one each, they make the desk's whole ledger.
   */
  bundledHistory = 0;
  bundledRecent = 0;
  /**
   * This desk's own check-ins, newest last (by HLC stamp), for the door's "last check-ins" list.
   * Kept in stamp order as they are added: at start they come in the database's key order
   * (UUIDs), and the door's Undo sits on the newest.
   */
  readonly recentCheckIns: CheckInEntry[] = [];
  private recentDeskId: string | null = null;

  constructor(deskId?: string) {
    this.recentDeskId = deskId ?? null;
  }

  /**
   * A desk's start is taking what is on disk (main/desk/loadMemory.ts): customers go into the
   * search unfolded, to be folded after the door opens (main/state/searchFold.ts).
   */
  starting = false;

  upsertCustomer(customer: Customer): void {
    this.customers.set(customer.id, customer);
    if (this.starting) this.search.takeLater(customer);
    else this.search.upsertCustomer(customer);
    this.searchFeed.note(customer.id);
  }

  upsertProduct(product: Product): void {
    this.products.set(product.id, product);
  }

  upsertPass(pass: Pass): void {
    const previous = this.passes.get(pass.id);
    if (previous) removeWhere(this.passesByCustomer, previous.customerId, (p) => p.id === pass.id);
    this.passes.set(pass.id, pass);
    const list = this.passesByCustomer.get(pass.customerId) ?? [];
    list.push(pass);
    list.sort(compareOldestFirst);
    this.passesByCustomer.set(pass.customerId, list);
    this.search.upsertPassCode(pass.id, pass.customerId, pass.code);
    if (previous === undefined ? Boolean(pass.code) : previous.code !== pass.code || previous.customerId !== pass.customerId) {
      this.searchFeed.note(pass.customerId);
      if (previous && previous.customerId !== pass.customerId) this.searchFeed.note(previous.customerId);
    }
    this.tallies.delete(pass.id);
  }

  upsertSession(session: Session): void {
    this.sessions.set(session.id, session);
  }

  upsertBooking(booking: Booking): void {
    const previous = this.bookings.get(booking.id);
    if (previous) {
      if (previous.passId) {
        removeWhere(this.bookingsByPass, previous.passId, (b) => b.id === booking.id);
        this.tallies.delete(previous.passId);
      }
      removeWhere(this.bookingsBySession, previous.sessionId, (b) => b.id === booking.id);
    }
    this.bookings.set(booking.id, booking);
    if (booking.passId) {
      push(this.bookingsByPass, booking.passId, booking);
      this.tallies.delete(booking.passId);
    }
    push(this.bookingsBySession, booking.sessionId, booking);
  }

  /** Ledger entries are immutable: a repeated id (a local write and its change event) is a no-op. */
  addLedgerEntry(entry: LedgerEntry): boolean {
    if (this.ledger.has(entry.id)) return false;
    this.ledger.set(entry.id, entry);
    if (entry.passId) {
      push(this.entriesByPass, entry.passId, entry);
      if (this.summaryFor(entry.passId).add(entry)) this.tallies.delete(entry.passId);
    }
    if (entry.kind === 'check-in') {
      push(this.checkInsByOccasion, occasionKey(entry), entry);
      if (entry.sessionId) push(this.checkInsBySession, entry.sessionId, entry);
      if (entry.deskId === this.recentDeskId) insertByStamp(this.recentCheckIns, entry);
    } else if (entry.kind === 'undo-check-in') {
      this.undone.add(entry.checkInId);
    }
    return true;
  }

  /**
   * An own entry the endpoint refused as stamped ahead of its clock, re-timed before it is sent
   * again (main/sync/clockAhead.ts): its stamp, instant and (a check-in) venue day. Every list
   * holds this very object, so they change everywhere at once (a walk-in moves to the occasion of
   * its real day); a re-timed override may no longer win, so its pass's winner is chosen
   * again among the entries held (an override of a bulk load that it had beaten is not known
   * here any more: it stays beaten on this desk until the pass's entries are loaded again).
   */
  retimeLedgerEntry(id: string, retimed: RetimedFields): void {
    const entry = this.ledger.get(id);
    if (!entry) return;
    entry.hlc = retimed.hlc;
    entry.at = retimed.at;
    if (entry.kind === 'check-in' && retimed.venueDay !== undefined && retimed.venueDay !== entry.venueDay) {
      // A walk-in's occasion is its venue day: it moves to the day it really happened.
      removeWhere(this.checkInsByOccasion, occasionKey(entry), (other) => other.id === id);
      entry.venueDay = retimed.venueDay;
      push(this.checkInsByOccasion, occasionKey(entry), entry);
    }
    if (entry.kind === 'check-in' && entry.deskId === this.recentDeskId) {
      const index = this.recentCheckIns.indexOf(entry);
      if (index >= 0) this.recentCheckIns.splice(index, 1);
      insertByStamp(this.recentCheckIns, entry);
    }
    if (!entry.passId) return;
    const summary = this.summaries.get(entry.passId);
    // A charged check-in's instant is its pass's first use when it is the earliest.
    if (summary && entry.kind === 'check-in' && summary.charged.has(id)) summary.charged.set(id, entry.at);
    if (summary && (entry.kind === 'expiry-override' || entry.kind === 'uses-override')) {
      if (summary.expiryOverride?.id === id) summary.expiryOverride = null;
      if (summary.usesOverride?.id === id) summary.usesOverride = null;
      for (const other of this.entriesOf(entry.passId)) if (other.kind === entry.kind) summary.add(other);
    }
    this.tallies.delete(entry.passId);
  }

  /** A pass's summary as a bulk load found it (entries added again later change nothing). */
  addSummary(record: PassSummaryRecord): void {
    const existing = this.summaries.get(record.passId);
    if (existing) existing.merge(PassSummary.fromRecord(record));
    else this.summaries.set(record.passId, PassSummary.fromRecord(record));
    this.tallies.delete(record.passId);
  }

  private summaryFor(passId: string): PassSummary {
    let summary = this.summaries.get(passId);
    if (!summary) {
      summary = new PassSummary();
      this.summaries.set(passId, summary);
    }
    return summary;
  }

  /** Whether any ledger entry of the pass is known: only the ledger can overdraw a pass. */
  hasLedgerFor(passId: string): boolean {
    return this.summaries.has(passId);
  }

  /** The pass a charged check-in (undone or not) was made with, from the summaries (slow: rare paths only). */
  passOfChargedCheckIn(checkInId: string): string | null {
    for (const [passId, summary] of this.summaries) {
      if (summary.chargedOrUndone(checkInId)) return passId;
    }
    return null;
  }

  /** A pass's summary (every entry of it this desk holds, summed up); undefined when none is known. */
  summaryOf(passId: string): Readonly<PassSummary> | undefined {
    return this.summaries.get(passId);
  }

  /** Whether a check-in is undone, as far as memory knows (summaries know every charged one's). */
  isUndoneAnywhere(checkIn: LedgerEntry): boolean {
    return this.undone.has(checkIn.id) || (checkIn.passId !== '' && (this.summaries.get(checkIn.passId)?.undone.has(checkIn.id) ?? false));
  }

  passesOf(customerId: string): readonly Pass[] {
    return this.passesByCustomer.get(customerId) ?? [];
  }

  bookingsPaidWith(passId: string): readonly Booking[] {
    return this.bookingsByPass.get(passId) ?? [];
  }

  bookingsOf(sessionId: string): readonly Booking[] {
    return this.bookingsBySession.get(sessionId) ?? [];
  }

  bookingFor(sessionId: string, customerId: string): Booking | undefined {
    return this.bookingsOf(sessionId).find((booking) => booking.customerId === customerId);
  }

  /** How many ledger entries this desk holds in all (memory and history bundles). */
  get ledgerSize(): number {
    return this.ledger.size + this.bundledHistory - this.bundledRecent;
  }

  /** The entries of a pass held in memory: its recent ones, not its history. */
  entriesOf(passId: string): readonly LedgerEntry[] {
    return this.entriesByPass.get(passId) ?? [];
  }

  /**
   * Passes with a charged check-in, not undone, at an instant from `fromIso` to `toIso` (ISO
   * strings in UTC), as their summaries know: where a past session's check-ins of a bulk load's
   * history may be (main/queries/pastAttendance.ts). A walk over every summary.
   */
  passesCheckedInBetween(fromIso: string, toIso: string): string[] {
    const passIds: string[] = [];
    for (const [passId, summary] of this.summaries) {
      for (const at of summary.charged.values()) {
        if (at >= fromIso && at <= toIso) {
          passIds.push(passId);
          break;
        }
      }
    }
    return passIds;
  }

  checkInsTo(sessionId: string): readonly CheckInEntry[] {
    return this.checkInsBySession.get(sessionId) ?? [];
  }

  *allCheckIns(): Iterable<CheckInEntry> {
    for (const list of this.checkInsByOccasion.values()) yield* list;
  }

  checkInsFor(key: string): readonly CheckInEntry[] {
    return this.checkInsByOccasion.get(key) ?? [];
  }

  isUndone(checkInId: string): boolean {
    return this.undone.has(checkInId);
  }

  get undoneIds(): ReadonlySet<string> {
    return this.undone;
  }

  /** What a pass's entries add up to, cached until one of its inputs changes. */
  tallyOf(pass: Pass): PassTally {
    let tally = this.tallies.get(pass.id);
    if (!tally) {
      tally = tallyOfSummary(pass, this.bookingsPaidWith(pass.id), this.summaries.get(pass.id) ?? EMPTY_SUMMARY);
      this.tallies.set(pass.id, tally);
    }
    return tally;
  }
}

/** Puts an entry in its place in a list kept in HLC order; new entries usually go last. */
function insertByStamp(list: CheckInEntry[], entry: CheckInEntry): void {
  let index = list.length;
  while (index > 0 && list[index - 1]!.hlc > entry.hlc) index -= 1;
  list.splice(index, 0, entry);
}
