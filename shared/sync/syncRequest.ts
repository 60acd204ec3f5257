// The one way any client calls the sync endpoint (a desk, main/sync/syncEndpoint.ts; a hub
// relaying to its upstream): a route of the contract (syncContract.ts) by name, its input typed
// by the route, its answer parsed with the route's schema. Whatever goes wrong comes back as a
// value that says which kind of wrong, sorted by the endpoint's refusal code (`syncErrorKind`),
// never by its HTTP status: only an answer with no code of the contract (a proxy's, say) is
// sorted by status, here and nowhere else. Pure: the network (fetch with its timeout) is a
// parameter.
import type { z } from 'zod';
import type { RouteAnswer, RouteInput, RouteParams, SyncErrorCode, SyncRouteName } from '../schema/syncContract';
import { contractRoutes, isSyncErrorCode, pathOf, syncErrorKind, syncErrorResponseSchema } from '../schema/syncContract';

export type RequestFailure =
  /** No answer: network down, refused connection, timeout. */
  | { kind: 'unreachable'; message: string }
  /** The endpoint is there but cannot serve now (its disk, its database, a bug): try again later. */
  | { kind: 'server-error'; status: number; message: string; code?: SyncErrorCode; retryAfterMs?: number }
  /** The server did not show the certificate this desk pinned for it (a venue hub's): nothing was sent to it. */
  | { kind: 'untrusted'; message: string }
  /** The token is not good here (unknown, revoked, missing): pair again. */
  | { kind: 'refused'; status: number; message: string; code?: SyncErrorCode }
  /** Too much at once (wrong tokens from this address, live streams of this device): wait `retryAfterMs` when the endpoint said how long. */
  | { kind: 'limited'; status: number; message: string; code: SyncErrorCode; retryAfterMs?: number }
  /** The endpoint refused this request, with its code and, where it lists them, the problems. */
  | { kind: 'rejected'; status: number; message: string; code?: SyncErrorCode; problems?: RequestProblem[] }
  /** An answer that is not the protocol's (not JSON, wrong shape, no code of the contract): probably not a sync endpoint. */
  | { kind: 'bad-answer'; message: string };

/** One of the problems a refusal lists (syncContract.ts `SyncProblem`), as far as a client reads it. */
export type RequestProblem = { path: string; message: string; index?: number; field?: string };

export type RequestResult<T> = { ok: true; value: T } | { ok: false; failure: RequestFailure };

/** The global fetch, or a stand-in (tests inject network faults here). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export type RouteTransport = {
  /** The endpoint's address, ending in '/' so that an endpoint under a path keeps it. */
  base: URL;
  /** `Bearer <device or admin token>`. */
  authorization: string;
  /** Sends a request; gives up (throws) after `timeoutMs`. */
  fetch: FetchFunction;
  timeoutMs: number;
};

/** A route of the contract: its path filled in, its body sent as JSON, its answer parsed with its schema. */
export async function requestRoute<N extends SyncRouteName>(transport: RouteTransport, name: N, input: RouteInput<N>): Promise<RequestResult<RouteAnswer<N>>> {
  const sent = await requestRouteText(transport, name, input);
  return sent.ok ? answerOfText(name, sent.value, input.params) : sent;
}

/**
 * The same request, its answer left as the text that came: a refusal is sorted as above, an
 * answer is for `answerOfText` to parse, wherever the caller does that work (a desk parses a
 * snapshot's history pages in a worker thread, off its main loop: main/sync/snapshotThread.ts).
 */
export async function requestRouteText<N extends SyncRouteName>(transport: RouteTransport, name: N, input: RouteInput<N>): Promise<RequestResult<string>> {
  const route = contractRoutes[name];
  const path = pathOf(name, input.params, input.query);
  const url = new URL(path, transport.base).toString();
  const headers: Record<string, string> = { authorization: transport.authorization, accept: 'application/json' };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await transport.fetch(url, { method: route.method, headers, ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }) });
    text = await response.text();
  } catch (error) {
    if (isUntrusted(error)) return { ok: false, failure: { kind: 'untrusted', message: error.message } };
    return { ok: false, failure: { kind: 'unreachable', message: describeNetworkError(error, transport.timeoutMs) } };
  }
  if (!response.ok) return { ok: false, failure: failureOfAnswer(response.status, response.headers.get('retry-after'), text) };
  return { ok: true, value: text };
}

/** A route's answer (the text of a 2xx) parsed as JSON and checked with the route's answer schema. */
export function answerOfText<N extends SyncRouteName>(name: N, text: string, params: RouteParams<N>): RequestResult<RouteAnswer<N>> {
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    return { ok: false, failure: { kind: 'bad-answer', message: `${pathOf(name, params)}: the answer is not JSON` } };
  }
  return parseAnswer(contractRoutes[name].answer, json, pathOf(name, params));
}

function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, path: string): RequestResult<z.output<S>> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, failure: { kind: 'bad-answer', message: `${path}: not the sync protocol's answer (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'wrong shape'})` } };
}

/**
 * A refusal sorted by its code (the live stream's too: main/sync/liveStream.ts). `retryAfter`:
 * the Retry-After header, read in its seconds form (the endpoint's; a date is not read).
 */
export function failureOfAnswer(status: number, retryAfter: string | null, text: string): RequestFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const said = syncErrorResponseSchema.safeParse(json);
  const reason = said.success ? (said.data.message ?? said.data.error ?? '') : '';
  const message = `HTTP ${status}${reason ? `: ${reason}` : ''}`;
  const code = said.success && isSyncErrorCode(said.data.error) ? said.data.error : undefined;
  const wait = /^\d{1,9}$/.test(retryAfter?.trim() ?? '') ? { retryAfterMs: Number(retryAfter) * 1_000 } : {};
  if (code === undefined) {
    // No code of the contract: a proxy or gateway in front of the endpoint. One that answers 5xx
    // says the endpoint is away; anything else is not the endpoint speaking.
    return status >= 500 ? { kind: 'server-error', status, message, ...wait } : { kind: 'bad-answer', message };
  }
  switch (syncErrorKind(code)) {
    case 'refused':
      return { kind: 'refused', status, message, code };
    case 'limited':
      return { kind: 'limited', status, message, code, ...wait };
    case 'server-error':
      return { kind: 'server-error', status, message, code, ...wait };
    case 'rejected': {
      const problems = said.success && said.data.problems !== undefined ? { problems: said.data.problems } : {};
      return { kind: 'rejected', status, message, code, ...problems };
    }
  }
}

/**
 * Thrown by a fetch that pins a certificate (main/sync/pinnedFetch.ts) when the server shows
 * another one: before anything, the device token included, is sent.
 */
export class UntrustedCertificateError extends Error {
  constructor(readonly url: string, readonly shown: string | null, readonly pinned: string) {
    super(`${url} showed ${shown ? `the certificate ${shown}` : 'no certificate'}, not the pinned ${pinned}`);
    this.name = 'UntrustedCertificateError';
  }
}

function isUntrusted(error: unknown): error is Error {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth += 1) {
    if (cause.name === 'UntrustedCertificateError') return true;
  }
  return false;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e?.message ?? 'network error'} (${cause})` : (e?.message ?? String(error));
}

/** How long the endpoint asked a client to wait before it tries again (Retry-After), or 0. */
export function retryAfterMsOf(failure: RequestFailure): number {
  return 'retryAfterMs' in failure ? (failure.retryAfterMs ?? 0) : 0;
}
