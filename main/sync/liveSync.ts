// A paired desk's ongoing sync: one replication per collection, fed by the live stream,
// retried with back-off while the endpoint is away. Commands never wait on any of it: they
// write to the database and the replications carry the writes when they can.
//
// A new desk first syncs what the door needs (docs/architecture.md, "Sync"): the platform
// collections one after the other, then the ledger; while that first sync runs the status
// shows documents so far of the endpoint's count. The same order is kept on later starts,
// where each step is a short catch-up.
import type { Subscription } from 'rxjs';
import type { SyncCollection } from '../../shared/schema/sync';
import type { DeskDatabase } from '../db/deskDatabase';
import type { SyncSession } from './syncSession';
import type { CollectionReplication } from './collectionReplication';
import { LiveStream } from './liveStream';
import { Backoff } from './backoff';
import type { SyncStatusTracker } from './syncStatusTracker';
import type { FetchFunction } from './syncEndpoint';

/** Platform data first (customers and passes before the bookings that refer to them), the ledger last. */
export const syncOrder: readonly SyncCollection[] = ['products', 'sessions', 'customers', 'passes', 'bookings', 'ledger'];

type InitialSyncMark = { done: true };

export type LiveSyncOptions = {
  db: DeskDatabase;
  session: SyncSession;
  tracker: SyncStatusTracker;
  log: (line: string) => void;
  fetch?: FetchFunction;
  /** The endpoint's document count (GET /sync/hello), for the first sync's progress. */
  expectedDocuments: Promise<number | null>;
  resyncEveryMs?: number;
};

export class LiveSync {
  private readonly stream: LiveStream;
  private readonly replications: CollectionReplication[] = [];
  private readonly subscriptions: Subscription[] = [];
  private stopped = false;
  private stopRequested!: () => void;
  private readonly stopping = new Promise<void>((resolve) => { this.stopRequested = resolve; });
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveSyncOptions) {
    const { tracker, session } = options;
    this.stream = new LiveStream(session.endpoint, {
      log: options.log,
      backoff: new Backoff({ initialMs: session.tuning.retryInitialMs, maxMs: session.tuning.retryMaxMs }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.resyncEveryMs === undefined ? {} : { resyncEveryMs: options.resyncEveryMs }),
      opened: () => tracker.succeeded(),
      closed: (failure) => {
        if (!this.stopped) session.observer.failed(failure);
      },
    });
  }

  start(): void {
    this.stream.start();
    this.running = this.run().catch((error: unknown) => {
      this.options.log(`sync: stopped by an error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested();
    this.stream.close();
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.all(this.replications.map((replication) => replication.cancel()));
    await this.running;
  }

  /** Resolves when every collection's replication is running and has caught up once. */
  private async run(): Promise<void> {
    const { db, session, tracker } = this.options;
    const markDocument = session.localDocumentId('sync-initial');
    const firstSync = (await db.getLocal<InitialSyncMark>(markDocument)) === null;
    // Progress counts what was fetched: a document this desk already holds is not written
    // again (RxDB's `received$` skips it), but it is one of the endpoint's count all the same.
    let pulled = 0;
    let counting = firstSync;
    let received = 0;
    let total: number | null = null;
    if (firstSync) {
      tracker.initialProgress({ done: 0, total: null });
      void this.options.expectedDocuments.then((count) => {
        total = count;
        if (!this.stopped && counting) tracker.initialProgress({ done: pulled, total });
      });
    }
    for (const name of syncOrder) {
      if (this.stopped) return;
      // The replications keep pulling after the first sync is done: only its pulls count.
      const replication = session.replicate(name, this.stream.itemsFor(name), (count) => {
        if (!counting) return;
        pulled += count;
        tracker.initialProgress({ done: pulled, total });
      });
      this.replications.push(replication);
      if (firstSync) this.subscriptions.push(replication.received$.subscribe(() => { received += 1; }));
      const caughtUp = await Promise.race([replication.awaitInitialReplication().then(() => true), this.stopping.then(() => false)]);
      if (!caughtUp) return;
    }
    if (firstSync) {
      counting = false;
      for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
      await db.upsertLocal<InitialSyncMark>(markDocument, { done: true });
      tracker.initialProgress(null);
      this.options.log(`sync: first sync done (${pulled} documents fetched, ${received} new or changed)`);
    }
  }
}
