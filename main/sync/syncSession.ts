// Everything a desk's sync with one endpoint shares, whether it runs live or in explicit
// rounds: the endpoint, the name of its checkpoints, the count of entries waiting to be
// acknowledged, and the observer that turns what the replications report into the status
// line, the log and acknowledgements.
import { createHash } from 'node:crypto';
import type { Observable } from 'rxjs';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';
import type { DeskDatabase } from '../db/deskDatabase';
import type { EndpointFailure, EndpointSettings, FetchFunction } from './syncEndpoint';
import { SyncEndpoint } from './syncEndpoint';
import type { CollectionReplication, ReplicationObserver, SyncTuning } from './collectionReplication';
import { replicateCollection } from './collectionReplication';
import type { HeldLedger } from './ledgerHistoryGuard';
import { LedgerAcknowledgement } from './ledgerAcknowledgement';
import type { SyncStatusTracker } from './syncStatusTracker';
import type { StreamItem } from './liveStream';
import type { ClockAheadRetimer } from './clockAhead';

const LOGGED_PER_KIND = 50;

export type SyncSessionOptions = {
  db: DeskDatabase;
  /** What the desk holds under pulled entries' ids (the guard of local history). */
  ledger: HeldLedger;
  isHeld: (collection: SyncCollection, id: string) => boolean;
  deskId: string;
  venueId: string;
  settings: EndpointSettings;
  tracker: SyncStatusTracker;
  tuning: SyncTuning;
  log: (line: string) => void;
  fetch?: FetchFunction;
  /** Re-times own entries refused as clock-ahead (main/sync/clockAhead.ts). */
  retimer?: ClockAheadRetimer;
};

/**
 * The checkpoints belong to one venue at one endpoint: its address, and for a venue hub its
 * certificate too (a hub whose data folder was lost is paired again under the same address,
 * and its sequence numbers start over). A hub's seqs are not upstream's: a desk that turns from
 * one to the other pulls each from its own checkpoint, never skipping nor taking one's for the other's.
 */
export function replicationIdentifier(venueId: string, settings: Pick<EndpointSettings, 'url' | 'certificate'>): string {
  const address = `${venueId}@${settings.url.replace(/\/+$/, '')}`;
  return settings.certificate === undefined ? address : `${address}#${settings.certificate}`;
}

export class SyncSession {
  readonly endpoint: SyncEndpoint;
  readonly identifier: string;
  readonly acknowledgement: LedgerAcknowledgement;
  readonly observer: ReplicationObserver;
  /** Each bad document, conflict or unsendable entry is counted once, not at every retry. */
  private readonly logged = new Set<string>();
  /** How many lines of each kind were written: past a few, a flood is counted, not logged. */
  private readonly linesOf = new Map<string, number>();
  private lastFailure = '';

  constructor(private readonly options: SyncSessionOptions) {
    const { tracker, log, deskId } = options;
    this.endpoint = new SyncEndpoint(options.settings, { ...(options.fetch ? { fetch: options.fetch } : {}), timeoutMs: options.tuning.timeoutMs });
    this.identifier = replicationIdentifier(options.venueId, options.settings);
    this.acknowledgement = new LedgerAcknowledgement(options.db, deskId, this.localDocumentId('sync-ack'), () => tracker.changed());
    const once = (key: string, line: string) => {
      if (this.logged.has(key)) return false;
      this.logged.add(key);
      const kind = key.slice(0, key.indexOf(':'));
      const lines = (this.linesOf.get(kind) ?? 0) + 1;
      this.linesOf.set(kind, lines);
      if (lines <= LOGGED_PER_KIND) log(line);
      if (lines === LOGGED_PER_KIND) log(`sync: more of these (${kind}) are counted in the status but not logged one by one`);
      return true;
    };
    const own = (entries: { id: string; hlc: string; deskId: string }[]) => entries.filter((entry) => entry.deskId === deskId);
    this.observer = {
      exchanged: () => {
        this.lastFailure = '';
        tracker.succeeded();
      },
      failed: (failure) => {
        this.logFailure(failure);
        tracker.failed(failure);
      },
      dropped: (documents) => {
        const fresh = documents.filter((document) => once(`dropped:${document.collection}:${document.id}`, `sync: refused ${document.collection} document ${document.id} from the endpoint: ${document.reason}`));
        tracker.droppedDocuments(fresh);
      },
      conflicts: (conflicts) => {
        for (const conflict of conflicts) {
          if (!once(`conflict:${conflict.id}`, `sync: ledger entry ${conflict.id} conflicts with the endpoint's (found on ${conflict.found}); this desk keeps its own. here: ${JSON.stringify(conflict.local)} endpoint: ${JSON.stringify(conflict.remote)}`)) continue;
          tracker.conflict(conflict.id);
        }
        // A conflicting entry can never be accepted: it no longer counts as waiting, and it is
        // remembered so that the status still shows it after a restart.
        void this.acknowledgement.conflicting(own(conflicts.map((conflict) => conflict.local as { id: string; hlc: string; deskId: string })));
      },
      onEndpoint: (entries) => {
        void this.acknowledgement.settle(own(entries));
      },
      unsendable: (id, reason) => {
        once(`unsendable:${id}`, `sync: ledger entry ${id} is not sent to the endpoint (${reason}); it stays on this desk`);
      },
    };
  }

  /** The id of an RxDB local document that belongs to this venue at this endpoint. */
  localDocumentId(kind: string): string {
    return `${kind}-${createHash('sha256').update(this.identifier).digest('hex').slice(0, 16)}`;
  }

  get tuning(): SyncTuning {
    return this.options.tuning;
  }

  get venueId(): string {
    return this.options.venueId;
  }

  async open(): Promise<void> {
    await this.acknowledgement.load();
    for (const id of this.acknowledgement.conflicts) this.options.tracker.conflict(id);
  }

  close(): void {
    this.acknowledgement.stop();
  }

  replicate(name: SyncCollection, stream$?: Observable<StreamItem>, onPulled?: (count: number) => void, initialCheckpoint?: SyncCheckpoint): CollectionReplication {
    const replication = replicateCollection({
      db: this.options.db,
      name,
      endpoint: this.endpoint,
      identifier: this.identifier,
      venueId: this.options.venueId,
      ledger: this.options.ledger,
      isHeld: this.options.isHeld,
      tuning: this.options.tuning,
      observer: this.observer,
      ...(stream$ ? { stream$ } : {}),
      ...(onPulled ? { onPulled } : {}),
      ...(initialCheckpoint ? { initialCheckpoint } : {}),
      ...(this.options.retimer ? { retimer: this.options.retimer } : {}),
    });
    // The endpoint's failures are reported by the handlers; anything else RxDB meets (a storage
    // write that failed, say) is logged here, once per message.
    replication.error$.subscribe((error) => {
      const rx = error as { code?: string; parameters?: { errors?: { name?: string; message?: string }[]; writeError?: unknown } };
      if (rx.parameters?.errors?.some((cause) => cause.name === 'EndpointError')) return;
      const line = `sync: ${name}: ${rx.code ?? 'error'}: ${rx.parameters?.errors?.[0]?.message ?? (rx.parameters?.writeError ? JSON.stringify(rx.parameters.writeError) : error.message)}`;
      if (!this.logged.has(line)) {
        this.logged.add(line);
        this.options.log(line);
      }
    });
    return replication;
  }

  /** A failure is logged when it starts or changes, not at every retry. */
  private logFailure(failure: EndpointFailure): void {
    const line = `sync: ${failure.kind}: ${failure.message}`;
    if (line === this.lastFailure) return;
    this.lastFailure = line;
    this.options.log(line);
  }
}
