// The sync endpoint as a client speaks to it: a desk (main/sync/syncEndpoint.ts, on Node's
// fetch) and a venue hub relaying to its upstream (server/hub/upstreamRelay.ts). Every route of
// the contract (shared/schema/syncContract.ts) through the one request function
// (syncRequest.ts), with the device token and a timeout on every request, so that a dead
// network never hangs a replication. Whatever goes wrong comes back as a value sorted by the
// endpoint's code (a client branches on codes, never on statuses).
import type { SnapshotPart, SyncCheckpoint, SyncCollection } from '../schema/sync';
import type { HelloResponse, PullResponse, PushResponse, RouteAnswer, RouteInput, SnapshotPage, SnapshotStart, SyncRouteName } from '../schema/syncContract';
import type { FetchFunction, RequestFailure, RequestProblem, RequestResult, RouteTransport } from './syncRequest';
import { requestRoute, requestRouteText } from './syncRequest';

export type { FetchFunction } from './syncRequest';
export { UntrustedCertificateError } from './syncRequest';

/** Where a desk syncs and how it proves which device it is (entered once, when pairing). */
export type EndpointSettings = {
  url: string;
  token: string;
  /** A venue hub's certificate fingerprint: requests go only to a server that shows this certificate. */
  certificate?: string;
};

export type EndpointFailure = RequestFailure;
export type EndpointProblem = RequestProblem;
export type EndpointResult<T> = RequestResult<T>;

export type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

export const DEFAULT_TIMEOUT_MS = 15_000;

export class SyncEndpoint {
  private readonly transport: RouteTransport;
  /** The network as given, without the timeout (the live stream holds its request open). */
  readonly fetch: FetchFunction;

  /**
   * `fetch`: how requests reach the network: the runtime's fetch, a stand-in (tests inject
   * network faults here), or a fetch that pins a hub's certificate. Always given: shared/
   * reaches no globals. `timeoutMs`: each request is given up after it.
   */
  constructor(readonly settings: EndpointSettings, options: { fetch: FetchFunction; timeoutMs?: number }) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch;
    this.transport = {
      // A trailing slash, so that an endpoint under a path (https://host/boxoffice) keeps it.
      base: new URL(settings.url.endsWith('/') ? settings.url : `${settings.url}/`),
      authorization: `Bearer ${settings.token}`,
      fetch: (url, init) => options.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      timeoutMs,
    };
  }

  /** `path` relative to the endpoint's address: pathOf (shared/schema/syncContract.ts) gives one. */
  urlOf(path: string): string {
    return new URL(path, this.transport.base).toString();
  }

  get authorization(): string {
    return this.transport.authorization;
  }

  /** A route of the contract, by name: the one request function every call below goes through. */
  call<N extends SyncRouteName>(name: N, input: RouteInput<N>): Promise<EndpointResult<RouteAnswer<N>>> {
    return requestRoute(this.transport, name, input);
  }

  hello(): Promise<EndpointResult<HelloResponse>> {
    return this.call('hello', { params: {} });
  }

  pull(collection: SyncCollection, checkpoint: SyncCheckpoint | undefined, limit: number): Promise<EndpointResult<PullResponse>> {
    return this.call('pull', { params: { collection }, query: { limit, seq: checkpoint?.seq, id: checkpoint?.id } });
  }

  /** Opens a snapshot of the venue (a new desk's first sync; shared/schema/sync.ts). */
  snapshotStart(): Promise<EndpointResult<SnapshotStart>> {
    return this.call('snapshotStart', { params: {} });
  }

  /** One page of a snapshot's part; its records are the caller's to check. */
  snapshotPage(part: SnapshotPart, page: SnapshotPageRequest): Promise<EndpointResult<SnapshotPage>> {
    return this.call('snapshotPage', snapshotPageInput(part, page));
  }

  /**
   * The same page as the text that came, for the caller to parse with `answerOfText`
   * (syncRequest.ts) where that work does not hold anything up: a desk's history pages.
   */
  snapshotPageText(part: SnapshotPart, page: SnapshotPageRequest): Promise<EndpointResult<string>> {
    return requestRouteText(this.transport, 'snapshotPage', snapshotPageInput(part, page));
  }

  /**
   * A page of a snapshot's part as ready bundles, as the text that came (a desk's worker
   * checks it: main/sync/servedBundles.ts). `after`: the `next` of the page before.
   */
  bundlesText(part: SnapshotPart, page: SnapshotBundlesRequest): Promise<EndpointResult<string>> {
    const query = { seq: page.seq, ...(page.after === null ? {} : { after: Number(page.after) }), ...(page.since === undefined ? {} : { since: page.since }) };
    return requestRouteText(this.transport, 'snapshotBundles', { params: { part }, query });
  }

  /** The stored documents that differ from what was pushed under the same id come back as conflicts. */
  push(rows: PushRow[]): Promise<EndpointResult<PushResponse>> {
    return this.call('push', { params: { collection: 'ledger' }, body: { rows } });
  }
}

export type SnapshotPageRequest = { seq: number; after: string | null; limit: number; since?: string };
export type SnapshotBundlesRequest = { seq: number; after: string | null; since?: string };

function snapshotPageInput(part: SnapshotPart, page: SnapshotPageRequest): RouteInput<'snapshotPage'> {
  return { params: { part }, query: { seq: page.seq, limit: page.limit, after: page.after ?? undefined, since: page.since } };
}

/** An endpoint failure as an Error, for RxDB's replication, which retries on a thrown error. */
export class EndpointError extends Error {
  constructor(readonly failure: EndpointFailure) {
    super(failure.message);
    this.name = 'EndpointError';
  }
}
