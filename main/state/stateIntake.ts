// The one way into the desk's state (docs/architecture.md "One way in"): every source that puts
// records into memory goes through here: the start (main/desk/loadMemory.ts: bundles and pages
// on disk), RxDB's change events, a venue file taken whole (Desk.loadVenue), a new desk's
// snapshot pages (main/sync/snapshotSync.ts), the desk's own writes (DeskContext.appendLedger)
// and the venue the endpoint names (DeskSync.adoptVenue). What it does, written once:
// - idempotent by id: a record replaces the one under its id; a ledger entry is immutable, so an
//   id seen before (this desk's write, then its change event) is a no-op; a summary is a union;
// - an entry, then its stamp: the clock follows every stamp taken in (never more than ε past
//   this desk's time, DeskContext.observeHlc), so this desk's next change sorts after it;
// - what a desk cannot use is set aside (counted in DeskStatus.setAside, logged), never thrown:
//   nothing read can stop a desk (docs/architecture.md "Clocks that cannot be poisoned").
import type { Booking, Customer, LedgerEntry, Pass, PassSummaryRecord, Product, Session, Venue } from '../../shared/schema/records';
import { isHlcWithinBounds } from '../../shared/rules/hybridLogicalClock';
import type { SetAsideRecords } from './setAsideRecords';
import { reasonOf } from './setAsideRecords';
import type { VenueMemory } from './venueMemory';

/** Where a record was read: said in the log line of what is set aside. */
export type IntakeSource = 'on disk' | 'written' | 'venue file' | 'snapshot';

export type PlatformRecords = { products: Product; customers: Customer; passes: Pass; sessions: Session; bookings: Booking };
export type PlatformKind = keyof PlatformRecords;

/** The clock the intake keeps ahead of every stamp it takes in (DeskContext). */
export type StampFollower = { observeHlc(stamp: string): boolean };

export class StateIntake {
  constructor(
    private readonly memory: VenueMemory,
    private readonly clock: StampFollower,
    private readonly setAside: SetAsideRecords,
  ) {}

  /** The venue this desk holds (its file, the endpoint's details, or none). */
  venue(venue: Venue | null): void {
    this.memory.venue = venue;
  }

  /** A platform record: it replaces the one under its id. */
  record<K extends PlatformKind>(kind: K, record: PlatformRecords[K]): void {
    const { memory } = this;
    switch (kind) {
      case 'products': return memory.upsertProduct(record as Product);
      case 'customers': return memory.upsertCustomer(record as Customer);
      case 'passes': return memory.upsertPass(record as Pass);
      case 'sessions': return memory.upsertSession(record as Session);
      case 'bookings': return memory.upsertBooking(record as Booking);
    }
  }

  /**
   * One ledger entry, its stamp followed by the clock. An entry whose stamp is not one (out of
   * the bounds, written before they existed) is set aside: memory orders overrides by stamp,
   * and the clock must never be moved by it. True when memory did not hold it yet.
   */
  ledgerEntry(entry: LedgerEntry, source: IntakeSource): boolean {
    if (!isHlcWithinBounds(entry.hlc)) {
      this.setAside.note(source, `ledger entry ${entry.id}`, `its clock stamp "${String(entry.hlc).slice(0, 40)}" is not one a clock can hold`);
      return false;
    }
    if (!this.memory.addLedgerEntry(entry)) return false;
    this.clock.observeHlc(entry.hlc);
    return true;
  }

  /** This desk's own entry, just written: stamped by this desk's clock, nothing to follow. */
  ownEntry(entry: LedgerEntry): void {
    this.memory.addLedgerEntry(entry);
  }

  /** A pass's summary as a bulk load found it, its overrides' stamps followed by the clock. */
  summary(record: PassSummaryRecord, source: IntakeSource): boolean {
    const stamps = [record.expiryOverride?.hlc, record.usesOverride?.hlc].filter((stamp) => stamp !== undefined);
    if (!stamps.every(isHlcWithinBounds)) {
      this.setAside.note(source, `summary of pass ${record.passId}`, 'an override in it has a clock stamp that is not one a clock can hold');
      return false;
    }
    this.memory.addSummary(record);
    // Overrides are ordered by stamp: this desk's next one must come after every one seen.
    stamps.forEach((stamp) => this.clock.observeHlc(stamp));
    return true;
  }

  /** `take`, with a record that throws set aside instead (one already on disk must not stop the desk). */
  guarded<T extends { id?: string }>(source: IntakeSource, kind: string, take: (doc: T) => void): (doc: T) => void {
    return (doc) => {
      try {
        take(doc);
      } catch (error) {
        this.setAside.note(source, `${kind} ${String(doc?.id ?? '?')}`, reasonOf(error));
      }
    };
  }
}
