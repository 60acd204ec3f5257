// The live side of sync in one server process: the open streams of each venue, fed from
// PostgreSQL's notifications. A notice says only "venue V, collection C, up to seq S"; the feed
// then reads the committed rows after its cursor once per venue and collection, and sends the
// same message to every stream of that venue. The stream's first message is always a resync
// (the desk pulls from its own checkpoint), so a stream only has to carry what is committed
// after it subscribed; its cursors start at the feed's, which never run ahead of the table.
import type { Database } from '../db/database';
import type { SyncCollection } from '../../shared/schema/sync';
import { syncCollections } from '../../shared/schema/sync';
import { changesJson, latestSeq, latestSeqs, readChanges } from '../db/documents';
import { SYNC_CHANNEL, parseNotice } from './changeNotices';

export type StreamSubscriber = {
  readonly deviceId: string;
  /** One StreamMessage as JSON text. */
  send(message: string): void;
  /** Ends the stream; the desk reconnects (and resyncs) if it still may. */
  end(): void;
};

/** More changes than this since the last message: the desks pull them instead (an import). */
const STREAM_BATCH = 1000;

export const RESYNC_MESSAGE = '{"kind":"resync"}';

type VenueFeed = {
  readonly venueId: string;
  readonly subscribers: Set<StreamSubscriber>;
  cursors: Record<SyncCollection, number>;
  ready: Promise<void>;
  readonly reading: Set<SyncCollection>;
  readonly readAgain: Set<SyncCollection>;
  closed: boolean;
};

export class ChangeFeed {
  private readonly feeds = new Map<string, VenueFeed>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database, private readonly onError: (error: unknown) => void) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(SYNC_CHANNEL, (payload) => this.heard(payload), () => this.catchUp());
  }

  /** Adds a stream of the venue; resolves once its cursors are set, to a function that removes it. */
  async subscribe(venueId: string, subscriber: StreamSubscriber): Promise<() => void> {
    let feed = this.feeds.get(venueId);
    if (!feed) {
      const created: VenueFeed = {
        venueId,
        subscribers: new Set(),
        cursors: Object.fromEntries(syncCollections.map((collection) => [collection, 0])) as Record<SyncCollection, number>,
        ready: Promise.resolve(),
        reading: new Set(),
        readAgain: new Set(),
        closed: false,
      };
      created.ready = latestSeqs(this.db, venueId).then((seqs) => {
        created.cursors = seqs;
      });
      this.feeds.set(venueId, created);
      feed = created;
    }
    const joined = feed;
    joined.subscribers.add(subscriber);
    try {
      await joined.ready;
    } catch (error) {
      this.remove(joined, subscriber);
      throw error;
    }
    return () => this.remove(joined, subscriber);
  }

  /** Ends the open streams of a revoked device in this process. */
  endDevice(deviceId: string): void {
    for (const feed of this.feeds.values()) {
      for (const subscriber of [...feed.subscribers]) if (subscriber.deviceId === deviceId) subscriber.end();
    }
  }

  async close(): Promise<void> {
    for (const feed of [...this.feeds.values()]) for (const subscriber of [...feed.subscribers]) subscriber.end();
    this.feeds.clear();
    await this.stopListening?.();
    this.stopListening = null;
  }

  private remove(feed: VenueFeed, subscriber: StreamSubscriber): void {
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0 && this.feeds.get(feed.venueId) === feed) {
      feed.closed = true;
      this.feeds.delete(feed.venueId);
    }
  }

  private heard(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) return;
    if (notice.kind === 'device-revoked') {
      this.endDevice(notice.deviceId);
      return;
    }
    const feed = this.feeds.get(notice.venueId);
    if (feed && notice.seq > feed.cursors[notice.collection]) this.read(feed, notice.collection);
  }

  /** After the LISTEN connection came back: whatever was announced meanwhile is read now. */
  private catchUp(): void {
    for (const feed of this.feeds.values()) for (const collection of syncCollections) this.read(feed, collection);
  }

  /** One reader per venue and collection at a time; a notice during a read asks for one more. */
  private read(feed: VenueFeed, collection: SyncCollection): void {
    if (feed.reading.has(collection)) {
      feed.readAgain.add(collection);
      return;
    }
    feed.reading.add(collection);
    this.readNew(feed, collection)
      .catch((error: unknown) => {
        this.onError(error);
        // The desks cannot be told what they missed: their streams end, and they reconnect
        // and pull from their own checkpoints.
        for (const subscriber of [...feed.subscribers]) subscriber.end();
      })
      .finally(() => {
        feed.reading.delete(collection);
        if (feed.readAgain.delete(collection) && !feed.closed) this.read(feed, collection);
      });
  }

  private async readNew(feed: VenueFeed, collection: SyncCollection): Promise<void> {
    await feed.ready;
    if (feed.closed) return;
    const documents = await readChanges(this.db, feed.venueId, collection, feed.cursors[collection], STREAM_BATCH);
    const last = documents[documents.length - 1];
    if (!last || feed.closed) return;
    if (documents.length === STREAM_BATCH) {
      // A large backlog (an import): one resync, and every desk pulls it in batches itself,
      // rather than the server pushing all of it down every stream.
      feed.cursors[collection] = Math.max(feed.cursors[collection], await latestSeq(this.db, feed.venueId, collection));
      this.broadcast(feed, RESYNC_MESSAGE);
      return;
    }
    feed.cursors[collection] = last.seq;
    this.broadcast(feed, changesJson(documents, { seq: last.seq, id: last.id }, `"kind":"changes","collection":"${collection}",`));
  }

  private broadcast(feed: VenueFeed, message: string): void {
    for (const subscriber of [...feed.subscribers]) subscriber.send(message);
  }
}
