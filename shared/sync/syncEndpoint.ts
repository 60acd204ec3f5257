// The sync endpoint's HTTP protocol as a client speaks it (shared/schema/syncContract.ts): a
// desk, and a venue hub relaying to its upstream endpoint (server/hub/upstreamRelay.ts). Every
// route through one request function that builds the path from the contract and parses
// the answer with the route's schema. Every request carries the device token and a timeout, so
// a dead network never hangs a replication; whatever goes wrong comes back as a value that
// says which kind of wrong, with the endpoint's code when it gave one (the desk branches on
// codes, never on statuses).
import type { z } from 'zod';
import type { SnapshotPart, SyncCheckpoint, SyncCollection } from '../schema/sync';
import type { HelloResponse, PullResponse, PushResponse, RouteAnswer, RouteParams, SnapshotPage, SnapshotStart, SyncErrorCode, SyncRouteName } from '../schema/syncContract';
import { isSyncErrorCode, pathOf, syncErrorResponseSchema, syncRoutes } from '../schema/syncContract';

/** Where a desk syncs and how it proves which device it is (entered once, when pairing). */
export type EndpointSettings = { url: string; token: string };

export type EndpointFailure =
  /** No answer: network down, refused connection, timeout. */
  | { kind: 'unreachable'; message: string }
  /** The endpoint answered 5xx: it is there but cannot serve now. */
  | { kind: 'server-error'; status: number; message: string; code?: SyncErrorCode }
  /** 401/403: the device token is unknown, revoked or of another venue. */
  | { kind: 'refused'; status: number; message: string; code?: SyncErrorCode }
  /** Another 4xx: the endpoint refused this request (with its reason and, when it said one the contract knows, its code). */
  | { kind: 'rejected'; status: number; message: string; code?: SyncErrorCode; problems?: EndpointProblem[] }
  /** An answer that is not the protocol's (not JSON, wrong shape): probably not a sync endpoint. */
  | { kind: 'bad-answer'; message: string };

/** One of the problems a refusal lists (shared/schema/sync.ts `SyncProblem`), as far as a desk reads it. */
export type EndpointProblem = { path: string; message: string; index?: number; field?: string };

export type EndpointResult<T> = { ok: true; value: T } | { ok: false; failure: EndpointFailure };

/**
 * How requests reach the network: the runtime's fetch, a stand-in (tests inject network faults
 * here), or a fetch that pins a hub's certificate. Always given: shared/ reaches no globals.
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

export const DEFAULT_TIMEOUT_MS = 15_000;

export class SyncEndpoint {
  private readonly base: URL;
  private readonly fetch: FetchFunction;
  private readonly timeoutMs: number;

  constructor(readonly settings: EndpointSettings, options: { fetch: FetchFunction; timeoutMs?: number }) {
    // A trailing slash, so that an endpoint under a path (https://host/boxoffice) keeps it.
    this.base = new URL(settings.url.endsWith('/') ? settings.url : `${settings.url}/`);
    this.fetch = options.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** `path` relative to the endpoint's address: pathOf (shared/schema/syncContract.ts) gives one. */
  urlOf(path: string): string {
    return new URL(path, this.base).toString();
  }

  get authorization(): string {
    return `Bearer ${this.settings.token}`;
  }

  async hello(): Promise<EndpointResult<HelloResponse>> {
    return this.call('hello', {});
  }

  async pull(collection: SyncCollection, checkpoint: SyncCheckpoint | undefined, limit: number): Promise<EndpointResult<PullResponse>> {
    return this.call('pull', { collection }, { query: { limit, seq: checkpoint?.seq, id: checkpoint?.id } });
  }

  /** Opens a snapshot of the venue (a new desk's first sync; shared/schema/sync.ts). */
  async snapshotStart(): Promise<EndpointResult<SnapshotStart>> {
    return this.call('snapshotStart', {});
  }

  /** One page of a snapshot's part; its records are the caller's to check. */
  async snapshotPage(part: SnapshotPart, page: { seq: number; after: string | null; limit: number; since?: string }): Promise<EndpointResult<SnapshotPage>> {
    return this.call('snapshotPage', { part }, { query: { seq: page.seq, limit: page.limit, after: page.after ?? undefined, since: page.since } });
  }

  /** The stored documents that differ from what was pushed under the same id come back as conflicts. */
  async push(rows: PushRow[]): Promise<EndpointResult<PushResponse>> {
    return this.call('push', { collection: 'ledger' }, { body: { rows } });
  }

  /** A route of the contract: its path filled in, its answer parsed with its schema. */
  async call<N extends SyncRouteName>(
    name: N,
    params: RouteParams<N>,
    input: { query?: Record<string, string | number | undefined>; body?: unknown } = {},
  ): Promise<EndpointResult<RouteAnswer<N>>> {
    const route = syncRoutes[name];
    const path = pathOf(name, params, input.query);
    const answer = await this.request(route.method, path, input.body);
    if (!answer.ok) return answer;
    // The route table is a union of schemas; N picks one, which TypeScript cannot follow by itself.
    const parsed = (route.answer as unknown as z.ZodType<RouteAnswer<N>>).safeParse(answer.value);
    if (!parsed.success) return badAnswer(pathOf(name, params), parsed.error);
    return { ok: true, value: parsed.data };
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<EndpointResult<unknown>> {
    const url = this.urlOf(path);
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { ok: false, failure: { kind: 'unreachable', message: describeNetworkError(error, this.timeoutMs) } };
    }
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) {
      if (json === undefined) return { ok: false, failure: { kind: 'bad-answer', message: `${path}: the answer is not JSON (HTTP ${response.status})` } };
      return { ok: true, value: json };
    }
    const said = syncErrorResponseSchema.safeParse(json);
    const reason = said.success ? (said.data.message ?? said.data.error ?? '') : '';
    const message = `HTTP ${response.status}${reason ? `: ${reason}` : ''}`;
    const code = said.success && isSyncErrorCode(said.data.error) ? { code: said.data.error } : {};
    if (response.status === 401 || response.status === 403) return { ok: false, failure: { kind: 'refused', status: response.status, message, ...code } };
    if (response.status >= 500) return { ok: false, failure: { kind: 'server-error', status: response.status, message, ...code } };
    const problems = said.success && said.data.problems !== undefined ? { problems: said.data.problems } : {};
    return { ok: false, failure: { kind: 'rejected', status: response.status, message, ...code, ...problems } };
  }
}

function badAnswer(path: string, error: z.ZodError): EndpointResult<never> {
  const issue = error.issues[0];
  return { ok: false, failure: { kind: 'bad-answer', message: `${path}: not the sync protocol's answer (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'wrong shape'})` } };
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e?.message ?? 'network error'} (${cause})` : (e?.message ?? String(error));
}

/** An endpoint failure as an Error, for RxDB's replication, which retries on a thrown error. */
export class EndpointError extends Error {
  constructor(readonly failure: EndpointFailure) {
    super(failure.message);
    this.name = 'EndpointError';
  }
}
