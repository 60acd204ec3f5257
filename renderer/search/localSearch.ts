// The renderer's own copy of the customer search (SPEC "Scale": results within a frame of a
// keystroke at 100,000 customers). Main answers a search in about a millisecond, but the round
// trip to it and back lands after the frame that shows the letter typed, so the list came a
// frame behind the letter. Searched here, in the page, during the key's own event, the list
// is painted with the letter. Main stays the one owner of the data: this copy is read from it
// (whole, in pages, then what changed after the version held) and never written to.
//
// Nothing here may hold up typing. A whole load goes to the search worker, which folds and
// sorts it; the page then takes the prepared index in a part per task, and swaps it in when it
// is complete (the index it had answers until then). A few changes are applied here, a slice
// per task; many at once (an import, a first sync) are a whole load again.
//
// `find` answers null while there is no index yet, or if the worker failed: the screens then
// ask main, as they did before.
import type { CorpusCustomer, DeskClient, SearchHit } from '../../shared/schema/api';
import { CorpusIndex } from './corpusIndex';
import type { PreparedPart } from './corpusIndex';
import type { FromSearchWorker, SearchWorkerPort } from './searchWorkerProtocol';

/** A refused corpus call (the venue still arriving, storage reconnecting) is asked again after this. */
const RETRY_MS = 2000;
/** More changes at once than this are a whole load in the worker, not applied in the page. */
const APPLY_HERE_AT_MOST = 5000;
/** Changes applied in the page per task (each kept sorted in: a few milliseconds). */
const SLICE = 50;
/** Between two pages of a whole load (100 pages at 100,000 customers). */
const PAGE_PAUSE_MS = 25;
/** Records per part of a prepared index: a few milliseconds of the page's time each. */
const PART_SIZE = 250;

type Building = { seq: number; index: CorpusIndex; parts: PreparedPart[]; done: (complete: boolean) => void };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTask = () => pause(0);

/**
 * When the page has nothing better to do (no key, no frame due), or after `timeoutMs` at the
 * latest: a load's work never goes before a key.
 */
function whenIdle(timeoutMs = 500): Promise<IdleDeadlineLike> {
  const { requestIdleCallback } = globalThis as { requestIdleCallback?: (callback: (deadline: IdleDeadlineLike) => void, options: { timeout: number }) => number };
  return new Promise((resolve) => {
    if (requestIdleCallback) requestIdleCallback(resolve, { timeout: timeoutMs });
    else setTimeout(() => resolve({ timeRemaining: () => 5 }), 0);
  });
}
type IdleDeadlineLike = { timeRemaining(): number };

export class LocalCustomerSearch {
  /** The index that answers, and the feed and version of main's corpus it holds. */
  private index: CorpusIndex | null = null;
  private feed: string | null = null;
  private version = 0;
  private building: Building | null = null;
  private broken = false;
  private closed = false;
  private seq = 0;
  private readonly listeners = new Set<() => void>();
  private following: Promise<void> | null = null;
  private followAgain = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private revisionValue = 0;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly desk: DeskClient, private readonly port: SearchWorkerPort, private readonly retryMs = RETRY_MS) {
    port.onMessage((message) => this.onWorkerMessage(message));
    this.offs.push(desk.on('changed', ({ collections }) => {
      if (collections.includes('customers') || collections.includes('passes')) this.follow();
    }));
    // A venue opened or imported, storage back: main may hold a corpus now.
    this.offs.push(desk.on('status', () => {
      if (this.index === null && this.retry === null) this.follow();
    }));
    this.follow();
  }

  /** Bumps whenever what `find` answers may have changed: a screen asks again. */
  get revision(): number {
    return this.revisionValue;
  }

  get ready(): boolean {
    return this.index !== null && !this.broken && !this.closed;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The matches, best first, at once; null when this copy cannot answer (ask main). */
  find(query: string, limit: number): SearchHit[] | null {
    if (!this.ready) return null;
    return this.index!.find(query, limit);
  }

  close(): void {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    for (const off of this.offs) off();
    this.building?.done(false);
    this.building = null;
    this.port.close();
  }

  /** Brings the copy up to date; at most one pass at a time, and one more if asked meanwhile. */
  private follow(): void {
    if (this.closed || this.broken) return;
    if (this.following) {
      this.followAgain = true;
      return;
    }
    this.following = this.catchUp().catch(() => this.retryLater()).finally(() => {
      this.following = null;
      if (this.followAgain) {
        this.followAgain = false;
        this.follow();
      }
    });
  }

  private async catchUp(): Promise<void> {
    if (this.index === null && !(await this.loadWhole())) return;
    for (;;) {
      const changes = await this.desk.searchCorpus({ feed: this.feed, after: this.version });
      if (this.closed || this.broken) return;
      if (!changes.ok) return this.retryLater();
      if (changes.reload || changes.customers.length > APPLY_HERE_AT_MOST) {
        // Fell far behind (a bulk change), or main's memory is new: a whole load, in the
        // worker; the index held answers until the new one is in. Then what changed since.
        if (!(await this.loadWhole())) return;
        continue;
      }
      if (changes.customers.length === 0) {
        this.version = changes.version;
        return;
      }
      const index = this.index!;
      for (let start = 0; start < changes.customers.length; start += SLICE) {
        if (start > 0) await nextTask();
        if (this.closed || this.index !== index) return;
        index.apply(changes.customers.slice(start, start + SLICE), { sortNow: true });
      }
      this.version = changes.version;
      this.changed();
      return;
    }
  }

  /** The whole corpus, read in pages, prepared by the worker, taken in and swapped in; false if not. */
  private async loadWhole(): Promise<boolean> {
    for (;;) {
      const first = await this.desk.searchCorpus({ feed: null, after: null, offset: 0 });
      if (this.closed || this.broken) return false;
      if (!first.ok) {
        this.retryLater();
        return false;
      }
      // For the measuring tools (test/e2e/measureSearchLatency.ts): how long a load takes.
      performance.mark('customer-search-load');
      this.port.post({ kind: 'reset' });
      this.send(first.customers);
      let next = first.next;
      let restart = false;
      while (next !== null) {
        // Paced: the load shares two cores with typing, main and the worker; it is not urgent.
        await pause(PAGE_PAUSE_MS);
        await whenIdle();
        const page = await this.desk.searchCorpus({ feed: first.feed, after: null, offset: next });
        if (this.closed || this.broken) return false;
        if (!page.ok) {
          this.retryLater();
          return false;
        }
        if (page.reload) {
          restart = true;
          break;
        }
        this.send(page.customers);
        next = page.next;
      }
      if (restart) continue;
      const index = CorpusIndex.taking();
      const seq = (this.seq += 1);
      const complete = await new Promise<boolean>((done) => {
        this.building = { seq, index, parts: [], done };
        this.port.post({ kind: 'prepare', seq, partSize: PART_SIZE });
      });
      if (!complete || this.closed || this.broken) return false;
      // Changes made while this load was read are asked for next, from the first page's version.
      this.index = index;
      this.feed = first.feed;
      this.version = first.version;
      performance.mark('customer-search-ready', { detail: { customers: index.size } });
      this.changed();
      return true;
    }
  }

  private send(customers: CorpusCustomer[]): void {
    if (customers.length > 0) this.port.post({ kind: 'apply', customers });
  }

  private retryLater(): void {
    if (this.closed || this.retry !== null) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.follow();
    }, this.retryMs);
  }

  private onWorkerMessage(message: FromSearchWorker): void {
    if (this.closed) return;
    switch (message.kind) {
      case 'part':
        return this.takePart(message.seq, message.part);
      case 'failed':
        // Never again: every screen asks main, as it would without this copy.
        console.error(`customer search worker failed: ${message.message}`);
        this.broken = true;
        this.index = null;
        this.building?.done(false);
        this.building = null;
        this.changed();
        return;
    }
  }

  /** Parts are taken in while the page is idle, a few milliseconds at a time: keys go first. */
  private takePart(seq: number, part: PreparedPart): void {
    const building = this.building;
    if (!building || building.seq !== seq) return;
    building.parts.push(part);
    if (building.parts.length === 1) void this.takeParts(building);
  }

  private async takeParts(building: Building): Promise<void> {
    while (building.parts.length > 0) {
      const idle = await whenIdle();
      if (this.building !== building) return;
      do {
        const part = building.parts.shift()!;
        building.index.take(part);
        if (part.kind === 'end') {
          this.building = null;
          building.done(true);
          return;
        }
      } while (building.parts.length > 0 && idle.timeRemaining() > 4);
    }
  }

  private changed(): void {
    this.revisionValue += 1;
    for (const listener of this.listeners) listener();
  }
}
