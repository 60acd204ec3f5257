// The desk's state, what every command and query is handed: the database, the in-memory venue,
// who and where this desk is, and its clocks. Commands load from memory, call the pure rule,
// write one ledger entry, and answer. The floor of main/ (docs/architecture.md): it imports
// nothing above it; the scheduling of calls is main/desk/callScheduler.ts.
import { randomUUID } from 'node:crypto';
import type { LedgerEntry, Venue } from '../../shared/schema/records';
import type { HlcState } from '../../shared/rules/hybridLogicalClock';
import type { DeskLanguageChoice } from '../../shared/schema/deskLanguages';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_WALL_MS, formatHlc, initialHlc, readHlc, receiveHlc, tickHlc } from '../../shared/rules/hybridLogicalClock';
import { SetAsideRecords } from './setAsideRecords';
import { LedgerReader } from './ledgerReader';
import { DeskClock } from './deskClock';
import { StateIntake } from './stateIntake';
import { StaffOnDesk } from './staffOnDesk';
import type { ActorFields } from './staffOnDesk';
import { KioskMode } from './kioskMode';
import type { StaffOnDeskSetup } from './staffOnDesk';
import { DEFAULT_LOCK_AFTER_MINUTES } from './staffOnDesk';

/** Who an entry made at a kiosk names: the customers check themselves in. */
const KIOSK_STAFF_NAME = 'Self check-in (kiosk)';
import { ClockAheadEntries } from './clockAheadEntries';
import type { DeskDatabase } from '../db/deskDatabase';
import type { VenueMemory } from './venueMemory';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { LedgerJournal } from './ledgerJournal';
import { noLedgerJournal } from './ledgerJournal';

/** `language`: the desk's own language over the venue's (Setup), absent to speak the venue's. */
export type DeskIdentity = { deskId: string; staff: string; language?: DeskLanguageChoice };

export class DeskContext {
  private hlc: HlcState = initialHlc;
  /** What this desk read but cannot use (DeskStatus.setAside). */
  readonly setAside: SetAsideRecords;
  /** The one reader of the ledger beyond memory (an entry by id, a pass's entries, what a batch finds held). */
  readonly ledger: LedgerReader;
  /** This computer's clock, measured against the endpoint's. */
  readonly clock: DeskClock;
  /** The one way into memory, for every source (./stateIntake.ts). */
  readonly intake: StateIntake;
  /** Who may sign in here, who is signed in, and who acts in the entries written now. */
  readonly staffOnDesk: StaffOnDesk;
  /** Whether this desk is a self check-in kiosk. */
  readonly kiosk: KioskMode;
  /** Own entries refused as clock-ahead: their first times, and those not sent yet (the review list). */
  readonly clockAhead = new ClockAheadEntries();

  constructor(
    readonly db: DeskDatabase,
    readonly memory: VenueMemory,
    readonly identity: DeskIdentity,
    /** This computer's wall clock (milliseconds); a parameter so that scenarios and tests set it. */
    wallNow: () => number,
    private readonly log: (line: string) => void = () => undefined,
    /** Where the wrong PINs are kept, and who is signed in (main/runDesk.ts holds both across openings). */
    staff: StaffOnDeskSetup = {},
    /** This desk's own entries kept a second time, in main's data folder (./ledgerJournal.ts). */
    readonly journal: LedgerJournal = noLedgerJournal,
  ) {
    this.setAside = new SetAsideRecords(log);
    this.ledger = new LedgerReader(db, memory);
    this.clock = new DeskClock(wallNow);
    // Only the intake follows stamps seen: every source of entries goes through it.
    this.intake = new StateIntake(memory, { observeHlc: (stamp) => this.observeHlc(stamp) }, this.setAside);
    this.staffOnDesk = new StaffOnDesk(db, this.now, log, wallNow, () => (memory.venue?.lockAfterMinutes ?? DEFAULT_LOCK_AFTER_MINUTES) * 60_000, staff);
    this.kiosk = new KioskMode(db);
  }

  /** Who an entry written now names: the person signed in, the kiosk, or the name typed in Setup. */
  actor(): ActorFields {
    return this.staffOnDesk.actor(this.kiosk.on ? KIOSK_STAFF_NAME : this.identity.staff);
  }

  /**
   * The desk's time: its wall clock, corrected by the offset measured at the endpoint when that
   * is more than ε (SPEC "Clocks"; docs/architecture.md): new entries are stamped and dated
   * from it. An arrow, so that it can be handed on as a function.
   */
  readonly now = (): number => this.clock.now();

  get deskId(): string {
    return this.identity.deskId;
  }

  get venue(): Venue | null {
    return this.memory.venue;
  }

  /** A stamp for a local action: never below any stamp this desk has followed. */
  nextHlc(nowMs: number): string {
    // Own stamps more than ε ahead of the endpoint's time (this clock was fast, and is right or
    // corrected now): stamps further ahead would be refused by the endpoint; the ones already
    // made are re-timed when they are (main/sync/clockAhead.ts). Unmeasured, the clock never
    // runs back over this desk's own history (a clock set back an hour, say).
    if (this.clock.offsetMs !== null && this.hlc.wallMs > nowMs + CLOCK_SKEW_BOUND_MS) this.hlc = initialHlc;
    this.hlc = tickHlc(this.hlc, nowMs);
    return formatHlc(this.hlc, this.deskId);
  }

  /**
   * Keeps the clock ahead of every entry seen (loaded at start, or merged from elsewhere), but
   * never more than ε past this desk's time because of another desk's stamp (the HLC paper's
   * rule). Its own stamps it follows whatever they say until it has measured the endpoint's
   * time (nextHlc). False: not a stamp within the bounds, for the caller to set aside.
   */
  private observeHlc(stamp: string): boolean {
    const seen = readHlc(stamp);
    if (!seen) return false;
    const ownAndUnmeasured = seen.deskId === this.deskId && this.clock.offsetMs === null;
    this.hlc = receiveHlc(this.hlc, seen, this.now(), ownAndUnmeasured ? MAX_HLC_WALL_MS : CLOCK_SKEW_BOUND_MS);
    return true;
  }

  newEntryId(): string {
    return randomUUID();
  }

  /**
   * Writes one ledger entry durably (Dexie's strict durability in the storage host) and only
   * then lets the command answer. A CONFLICT on the same id means an earlier attempt of this
   * very write had landed (docs/architecture.md: "retry it with the same id").
   */
  async appendLedger(entry: LedgerEntry): Promise<void> {
    try {
      await this.db.ledger.insert(entry as LedgerDocument);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    // Then in the journal, so that a database the browser deletes as damaged loses none of it.
    // Saved in the database already: a journal that cannot be written is said, not a failure.
    await this.journal.keep(entry).catch((error: unknown) => this.log(`desk: the ledger journal could not keep entry ${entry.id}: ${error instanceof Error ? error.message : String(error)}`));
    this.intake.ownEntry(entry);
  }
}

function isConflict(error: unknown): boolean {
  const e = error as { code?: string; parameters?: { writeError?: { status?: number } } };
  return e?.code === 'CONFLICT' || e?.parameters?.writeError?.status === 409;
}
