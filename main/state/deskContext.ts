// The desk's state, what every command and query is handed: the database, the in-memory venue,
// who and where this desk is, and its clocks. Commands load from memory, call the pure rule,
// write one ledger entry, and answer. The floor of main/ (docs/architecture.md): it imports
// nothing above it; the scheduling of calls is main/desk/callScheduler.ts.
import { randomUUID } from 'node:crypto';
import type { LedgerEntry, Venue } from '../../shared/schema/records';
import type { HlcState } from '../../shared/rules/hybridLogicalClock';
import { CLOCK_SKEW_BOUND_MS, formatHlc, initialHlc, readHlc, receiveHlc, tickHlc } from '../../shared/rules/hybridLogicalClock';
import { SetAsideRecords } from './setAsideRecords';
import { LedgerReader } from './ledgerReader';
import type { DeskDatabase } from '../db/deskDatabase';
import type { VenueMemory } from '../state/venueMemory';
import type { LedgerDocument } from '../../shared/schema/collections';

export type DeskIdentity = { deskId: string; staff: string };

export class DeskContext {
  private hlc: HlcState = initialHlc;
  /** The endpoint's time minus this computer's, last measured (null: never measured). */
  private measuredOffsetMs: number | null = null;
  /** What this desk read but cannot use (DeskStatus.setAside). */
  readonly setAside: SetAsideRecords;
  /** The one reader of the ledger beyond memory (an entry by id, a pass's entries, what a batch finds held). */
  readonly ledger: LedgerReader;

  constructor(
    readonly db: DeskDatabase,
    readonly memory: VenueMemory,
    readonly identity: DeskIdentity,
    /** This computer's wall clock (milliseconds); a parameter so that scenarios and tests set it. */
    readonly wallNow: () => number,
    log: (line: string) => void = () => undefined,
  ) {
    this.setAside = new SetAsideRecords(log);
    this.ledger = new LedgerReader(db, memory);
  }

  /**
   * The desk's time: its wall clock, corrected by the offset measured at the endpoint when that
   * is more than ε (SPEC "Clocks"; docs/architecture.md): new entries are stamped and dated
   * from it. An arrow, so that it can be handed on as a function.
   */
  readonly now = (): number => this.wallNow() + (this.clockIsWrong ? this.measuredOffsetMs! : 0);

  /** The endpoint's time minus this computer's, from a hello (main/sync/deskSync.ts). */
  measuredClockOffset(offsetMs: number): void {
    this.measuredOffsetMs = Math.round(offsetMs);
  }

  get clockOffsetMs(): number | null {
    return this.measuredOffsetMs;
  }

  /** This computer's clock is off from the endpoint's by more than ε. */
  get clockIsWrong(): boolean {
    return this.measuredOffsetMs !== null && Math.abs(this.measuredOffsetMs) > CLOCK_SKEW_BOUND_MS;
  }

  get deskId(): string {
    return this.identity.deskId;
  }

  get venue(): Venue | null {
    return this.memory.venue;
  }

  /** A stamp for a local action: never below any stamp this desk has followed. */
  nextHlc(nowMs: number): string {
    this.hlc = tickHlc(this.hlc, nowMs);
    return formatHlc(this.hlc, this.deskId);
  }

  /**
   * Keeps the clock ahead of every entry seen (loaded at start, or merged from elsewhere), but
   * never more than ε past this desk's time (the HLC paper's rule). False: not a stamp within
   * the bounds, for the caller to set aside.
   */
  observeHlc(stamp: string): boolean {
    const seen = readHlc(stamp);
    if (!seen) return false;
    this.hlc = receiveHlc(this.hlc, seen, this.now());
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
    this.memory.addLedgerEntry(entry);
  }
}

function isConflict(error: unknown): boolean {
  const e = error as { code?: string; parameters?: { writeError?: { status?: number } } };
  return e?.code === 'CONFLICT' || e?.parameters?.writeError?.status === 409;
}
