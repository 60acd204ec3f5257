// The sync endpoint's HTTP protocol as a desk speaks it (shared/schema/sync.ts): hello, pull,
// push. Every request carries the device token and a timeout, so a dead network never hangs
// a replication; whatever goes wrong comes back as a value that says which kind of wrong.
import { z } from 'zod';
import type { HelloResponse, PullResponse, SnapshotPage, SnapshotPart, SnapshotStart, SyncCheckpoint, SyncCollection, SyncDocument } from '../../shared/schema/sync';
import { snapshotParts, syncCheckpointSchema, syncCollections } from '../../shared/schema/sync';

/** Where a desk syncs and how it proves which device it is (entered once, when pairing). */
export type EndpointSettings = { url: string; token: string };

export type EndpointFailure =
  /** No answer: network down, refused connection, timeout. */
  | { kind: 'unreachable'; message: string }
  /** The endpoint answered 5xx: it is there but cannot serve now. */
  | { kind: 'server-error'; status: number; message: string }
  /** 401/403: the device token is unknown, revoked or of another venue. */
  | { kind: 'refused'; status: number; message: string }
  /** Another 4xx: the endpoint refused this request (with its reason and, when it said one, its code). */
  | { kind: 'rejected'; status: number; message: string; code?: string; problems?: EndpointProblem[] }
  /** An answer that is not the protocol's (not JSON, wrong shape): probably not a sync endpoint. */
  | { kind: 'bad-answer'; message: string };

/** One of the problems a refusal lists (shared/schema/sync.ts `SyncProblem`), as far as a desk reads it. */
export type EndpointProblem = { path: string; message: string; index?: number; field?: string };

export type EndpointResult<T> = { ok: true; value: T } | { ok: false; failure: EndpointFailure };

/** Node 20's global fetch, or a stand-in (tests inject network faults here). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

const helloSchema = z.object({
  venue: z.object({ id: z.string().min(1), timeZone: z.string().min(1), name: z.string().optional() }),
  deviceId: z.string(),
  counts: z.record(z.string(), z.number().int().min(0)),
  /** Endpoints before clocks were measured do not send it. */
  serverTime: z.string().refine((text) => Number.isFinite(Date.parse(text))).optional(),
});

const pullSchema = z.object({
  documents: z.array(z.unknown()),
  checkpoint: syncCheckpointSchema.nullable(),
});

const pushSchema = z.object({ conflicts: z.array(z.record(z.string(), z.unknown())) });

const seqSchema = z.number().int().min(0);
const snapshotStartSchema = z.object({
  venue: helloSchema.shape.venue,
  seqs: z.object(Object.fromEntries(syncCollections.map((name) => [name, seqSchema])) as Record<SyncCollection, typeof seqSchema>),
  recentSince: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  counts: z.object(Object.fromEntries(snapshotParts.map((part) => [part, seqSchema])) as Record<SnapshotPart, typeof seqSchema>),
});

const snapshotPageSchema = z.object({ records: z.array(z.unknown()), next: z.string().nullable() });

const errorSchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  problems: z.array(z.object({ path: z.string(), message: z.string(), index: z.number().int().min(0).optional(), field: z.string().optional() })).optional(),
});

export const DEFAULT_TIMEOUT_MS = 15_000;

export class SyncEndpoint {
  private readonly base: URL;
  private readonly fetch: FetchFunction;
  private readonly timeoutMs: number;

  constructor(readonly settings: EndpointSettings, options: { fetch?: FetchFunction; timeoutMs?: number } = {}) {
    // A trailing slash, so that an endpoint under a path (https://host/boxoffice) keeps it.
    this.base = new URL(settings.url.endsWith('/') ? settings.url : `${settings.url}/`);
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  urlOf(path: string): string {
    return new URL(path, this.base).toString();
  }

  get authorization(): string {
    return `Bearer ${this.settings.token}`;
  }

  async hello(): Promise<EndpointResult<HelloResponse>> {
    const answer = await this.request('GET', 'sync/hello');
    if (!answer.ok) return answer;
    const parsed = helloSchema.safeParse(answer.value);
    if (!parsed.success) return badAnswer('sync/hello', parsed.error);
    return { ok: true, value: parsed.data as HelloResponse };
  }

  async pull(collection: SyncCollection, checkpoint: SyncCheckpoint | undefined, limit: number): Promise<EndpointResult<{ documents: unknown[]; checkpoint: SyncCheckpoint | null }>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) {
      query.set('seq', String(checkpoint.seq));
      query.set('id', checkpoint.id);
    }
    const answer = await this.request('GET', `sync/${collection}/pull?${query.toString()}`);
    if (!answer.ok) return answer;
    const parsed = pullSchema.safeParse(answer.value);
    if (!parsed.success) return badAnswer(`sync/${collection}/pull`, parsed.error);
    return { ok: true, value: parsed.data satisfies Omit<PullResponse, 'documents'> & { documents: unknown[] } };
  }

  /** Opens a snapshot of the venue (a new desk's first sync; shared/schema/sync.ts). */
  async snapshotStart(): Promise<EndpointResult<SnapshotStart>> {
    const answer = await this.request('GET', 'sync/snapshot');
    if (!answer.ok) return answer;
    const parsed = snapshotStartSchema.safeParse(answer.value);
    if (!parsed.success) return badAnswer('sync/snapshot', parsed.error);
    return { ok: true, value: parsed.data as SnapshotStart };
  }

  /** One page of a snapshot's part; its records are the caller's to check. */
  async snapshotPage(part: SnapshotPart, page: { seq: number; after: string | null; limit: number; since?: string }): Promise<EndpointResult<SnapshotPage>> {
    const query = new URLSearchParams({ seq: String(page.seq), limit: String(page.limit) });
    if (page.after !== null) query.set('after', page.after);
    if (page.since !== undefined) query.set('since', page.since);
    const answer = await this.request('GET', `sync/snapshot/${part}?${query.toString()}`);
    if (!answer.ok) return answer;
    const parsed = snapshotPageSchema.safeParse(answer.value);
    if (!parsed.success) return badAnswer(`sync/snapshot/${part}`, parsed.error);
    return { ok: true, value: parsed.data };
  }

  /** The stored documents that differ from what was pushed under the same id come back as conflicts. */
  async push(rows: PushRow[]): Promise<EndpointResult<{ conflicts: SyncDocument[] }>> {
    const answer = await this.request('POST', 'sync/ledger/push', { rows });
    if (!answer.ok) return answer;
    const parsed = pushSchema.safeParse(answer.value);
    if (!parsed.success) return badAnswer('sync/ledger/push', parsed.error);
    return { ok: true, value: { conflicts: parsed.data.conflicts as SyncDocument[] } };
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
    const said = errorSchema.safeParse(json);
    const reason = said.success ? (said.data.message ?? said.data.error ?? '') : '';
    const message = `HTTP ${response.status}${reason ? `: ${reason}` : ''}`;
    if (response.status === 401 || response.status === 403) return { ok: false, failure: { kind: 'refused', status: response.status, message } };
    if (response.status >= 500) return { ok: false, failure: { kind: 'server-error', status: response.status, message } };
    const code = said.success && said.data.error !== undefined ? { code: said.data.error } : {};
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
