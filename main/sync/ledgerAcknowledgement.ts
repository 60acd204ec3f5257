// "How many local changes are waiting to sync" (SPEC): this desk's own ledger entries that the
// endpoint has not acknowledged yet. An entry is acknowledged when a push of it succeeds or
// when a pull brings it back; one that conflicts with the endpoint is settled too (it can
// never be accepted; the status says so separately).
//
// What is kept, in an RxDB local document beside the data (so it goes where the data goes):
// a marker, the highest stamp H such that every own entry stamped at or below H is settled,
// plus the few entries above H settled out of order (two commands in flight can land in
// either order). At start, the own entries above the marker come from one indexed query on
// the ledger's ['deskId', 'hlc'] index; after that, change events and acknowledgements keep
// the set current without touching the database.
import type { Subscription } from 'rxjs';
import type { DeskDatabase } from '../db/deskDatabase';

type Stamped = { id: string; hlc: string };

type StoredAcknowledgement = {
  marker: string;
  /** [id, hlc] of entries above the marker already settled. */
  settledAbove: [string, string][];
  /** Ids of this desk's entries that conflict with the endpoint's (the latest few), shown until unpaired. */
  conflicts?: string[];
};

const KEPT_CONFLICTS = 100;

export class LedgerAcknowledgement {
  private marker = '';
  private readonly settledAbove = new Map<string, string>();
  private conflictIds: string[] = [];
  /** Own entries above the marker not settled yet: id → hlc. */
  private readonly pending = new Map<string, string>();
  private subscription: Subscription | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly documentId: string;

  /** `documentId`: one marker per endpoint, so a desk paired with another one starts counting afresh. */
  constructor(private readonly db: DeskDatabase, private readonly deskId: string, documentId: string, private readonly onChange: () => void) {
    this.documentId = documentId;
  }

  get waiting(): number {
    return this.pending.size;
  }

  async load(): Promise<void> {
    // Follow first, then query: an entry written in between is seen by one or both, and the
    // set makes seeing it twice harmless.
    this.subscription = this.db.ledger.$.subscribe((event) => {
      if (event.operation !== 'INSERT') return;
      const entry = event.documentData as { id: string; deskId: string; hlc: string };
      if (entry.deskId === this.deskId) this.notePending([entry]);
    });
    const stored = await this.db.getLocal<StoredAcknowledgement>(this.documentId);
    if (stored) {
      const data = stored.toJSON().data as StoredAcknowledgement;
      this.marker = data.marker;
      for (const [id, hlc] of data.settledAbove) this.settledAbove.set(id, hlc);
      this.conflictIds = [...(data.conflicts ?? [])];
    }
    const above = await this.db.ledger.find({ selector: { deskId: this.deskId, hlc: { $gt: this.marker } } }).exec();
    this.notePending(above.map((doc) => ({ id: doc.id, hlc: doc.hlc })));
  }

  /** Conflicts found in earlier sessions: they stay in the status after a restart. */
  get conflicts(): readonly string[] {
    return this.conflictIds;
  }

  /** Entries under which the endpoint holds something else: settled (they can never be accepted) and remembered. */
  conflicting(entries: readonly Stamped[]): Promise<void> {
    const fresh = entries.map((entry) => entry.id).filter((id) => !this.conflictIds.includes(id));
    if (fresh.length > 0) this.conflictIds = [...this.conflictIds, ...fresh].slice(-KEPT_CONFLICTS);
    const settling = this.settle(entries);
    return fresh.length > 0 ? settling.then(() => this.save()) : settling;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** Entries the endpoint now holds (pushed and answered, or seen in a pull), or refused as conflicts. */
  settle(entries: readonly Stamped[]): Promise<void> {
    let changed = false;
    for (const entry of entries) {
      if (entry.hlc <= this.marker || this.settledAbove.has(entry.id)) continue;
      this.settledAbove.set(entry.id, entry.hlc);
      this.pending.delete(entry.id);
      changed = true;
    }
    if (!changed) return this.writing;
    this.advanceMarker();
    this.onChange();
    return this.save();
  }

  private notePending(entries: readonly Stamped[]): void {
    let changed = false;
    for (const entry of entries) {
      if (entry.hlc <= this.marker || this.settledAbove.has(entry.id) || this.pending.has(entry.id)) continue;
      this.pending.set(entry.id, entry.hlc);
      changed = true;
    }
    if (changed) this.onChange();
  }

  /** Moves the marker up to just below the oldest entry still pending, and forgets what it passes. */
  private advanceMarker(): void {
    let lowestPending: string | null = null;
    for (const hlc of this.pending.values()) if (lowestPending === null || hlc < lowestPending) lowestPending = hlc;
    for (const [id, hlc] of this.settledAbove) {
      if (lowestPending !== null && hlc >= lowestPending) continue;
      if (hlc > this.marker) this.marker = hlc;
      this.settledAbove.delete(id);
    }
  }

  private save(): Promise<void> {
    const snapshot: StoredAcknowledgement = { marker: this.marker, settledAbove: [...this.settledAbove], conflicts: this.conflictIds };
    // Writes are queued so that an older snapshot never lands after a newer one.
    this.writing = this.writing
      .then(() => this.db.upsertLocal<StoredAcknowledgement>(this.documentId, snapshot))
      .then(() => undefined, () => undefined);
    return this.writing;
  }
}
