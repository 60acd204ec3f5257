// The live stream (the contract's `stream` route, Server-Sent Events; its message is
// shared/schema/syncContract.ts `streamMessageSchema`): one connection per desk, fanned
// out to each collection's replication as RxDB's pull.stream$ items. Every (re)connect, and
// every `resync` message from the endpoint, becomes 'RESYNC' for every collection, because
// whatever happened while the stream was down was missed. Reconnects back off while the
// endpoint stays away; a periodic RESYNC also covers a connection that died silently.
import { EventSource } from 'eventsource';
import type { FetchLikeResponse } from 'eventsource';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';
import { pathOf, streamMessageSchema } from '../../shared/schema/syncContract';
import { failureOfAnswer, retryAfterMsOf } from '../../shared/sync/syncRequest';
import type { EndpointFailure, FetchFunction, SyncEndpoint } from './syncEndpoint';
import { Backoff } from './backoff';

export type StreamItem = { documents: unknown[]; checkpoint: SyncCheckpoint } | 'RESYNC';

type Fanned = { collection: SyncCollection | 'all'; item: StreamItem };


export type LiveStreamOptions = {
  fetch?: FetchFunction;
  log: (line: string) => void;
  opened: () => void;
  closed: (failure: EndpointFailure) => void;
  backoff?: Backoff;
  /** A RESYNC this often even while connected (ms); 0 turns it off. */
  resyncEveryMs?: number;
};

export class LiveStream {
  private readonly fanned = new Subject<Fanned>();
  private source: EventSource | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly backoff: Backoff;

  constructor(private readonly endpoint: SyncEndpoint, private readonly options: LiveStreamOptions) {
    this.backoff = options.backoff ?? new Backoff({ initialMs: 1_000, maxMs: 60_000 });
  }

  /** One collection's pull.stream$. */
  itemsFor(collection: SyncCollection): Observable<StreamItem> {
    return this.fanned.pipe(
      filter((fanned) => fanned.collection === 'all' || fanned.collection === collection),
      map((fanned) => fanned.item),
    );
  }

  start(): void {
    this.connect();
    const every = this.options.resyncEveryMs ?? 60_000;
    if (every > 0) {
      this.resyncTimer = setInterval(() => this.fanned.next({ collection: 'all', item: 'RESYNC' }), every);
      this.resyncTimer.unref();
    }
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.source?.close();
    this.source = null;
    this.fanned.complete();
  }

  private connect(): void {
    if (this.closed) return;
    // The endpoint's own fetch unless told another: a hub's pinned certificate holds for the stream too.
    const fetchFunction = this.options.fetch ?? this.endpoint.fetch;
    const authorization = this.endpoint.authorization;
    // The endpoint's refusal of the stream, read from its answer: the desk goes by its code.
    let refused: Promise<EndpointFailure> | null = null;
    const source = new EventSource(this.endpoint.urlOf(pathOf('stream', {})), {
      fetch: async (url, init) => {
        const response = await fetchFunction(String(url), { ...init, headers: { ...init.headers, authorization } });
        if (!response.ok) refused = response.clone().text().then((text) => failureOfAnswer(response.status, response.headers.get('retry-after'), text), () => failureOfAnswer(response.status, null, ''));
        return response as FetchLikeResponse;
      },
    });
    this.source = source;
    source.onopen = () => {
      this.backoff.reset();
      this.options.opened();
      this.fanned.next({ collection: 'all', item: 'RESYNC' });
    };
    source.onmessage = (event) => this.receive(String(event.data));
    source.onerror = (event) => {
      if (this.source !== source) return;
      // eventsource would reconnect on its own at a fixed interval; this desk backs off instead.
      source.close();
      this.source = null;
      const answered = refused;
      refused = null;
      void (answered ?? Promise.resolve<EndpointFailure>({ kind: 'unreachable', message: `the live stream: ${event.message ?? 'connection lost'}` })).then((failure) => {
        if (this.closed) return;
        this.options.closed(failure);
        this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.next(retryAfterMsOf(failure)));
      });
    };
  }

  private receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    const parsed = streamMessageSchema.safeParse(json);
    if (!parsed.success) {
      // Something was sent that this desk cannot read: whatever it was, a pull catches up.
      this.options.log(`sync: a live stream message was not understood; pulling again (${data.slice(0, 120)})`);
      this.fanned.next({ collection: 'all', item: 'RESYNC' });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'resync') this.fanned.next({ collection: 'all', item: 'RESYNC' });
    else this.fanned.next({ collection: message.collection, item: { documents: message.documents, checkpoint: message.checkpoint } });
  }
}
