// Every refusal the endpoint gives (its codes and their HTTP status are the sync contract's,
// shared/schema/syncContract.ts), and the one place where anything thrown is turned into the `{ error, message }` a client receives
// (STYLE: errors converted once at the boundary; no stack trace ever leaves the server).
import type { FastifyReply } from 'fastify';
import type { SyncErrorCode, SyncErrorResponse, SyncProblem } from '../shared/schema/syncContract';
import { syncErrorStatus } from '../shared/schema/syncContract';


export type ErrorCode = SyncErrorCode;

export type Refusal = { error: ErrorCode; message: string; problems?: SyncProblem[] };

export function refusal(error: ErrorCode, message: string, problems?: SyncProblem[]): Refusal {
  return problems && problems.length > 0 ? { error, message, problems } : { error, message };
}

export function statusOf(error: ErrorCode): number {
  return syncErrorStatus[error];
}

export function sendRefusal(reply: FastifyReply, refused: Refusal): FastifyReply {
  const body: SyncErrorResponse = refused;
  return reply.code(statusOf(refused.error)).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own errors (body parsing, limits, routing) in the endpoint's words; anything else is internal. */
export function refusalOfThrown(error: unknown): Refusal {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return refusal('invalid-json', 'the request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return refusal('invalid-json', 'the request body is empty; JSON was expected');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return refusal('body-too-large', 'the request body is larger than this endpoint accepts; send fewer documents at a time');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return refusal('unsupported-media-type', 'this content type is not accepted here (JSON, or CSV for imports)');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return refusal('invalid-body', 'the request body does not match its Content-Length');
    case 'FST_ERR_BAD_URL':
      return refusal('invalid-url', 'the address cannot be read: a "%" must start a percent-encoded UTF-8 character such as %20');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return refusal('url-too-long', 'a part of the address is longer than this endpoint reads');
    // PostgreSQL's disk_full: a write it had no room for (server/storage/storageGuard.ts).
    case '53100':
      return refusal('storage-full', 'the database\'s disk is full: nothing can be saved until space is freed on it');
    default:
      break;
  }
  if (error instanceof RefusalError) return error.refusal;
  if (typeof code === 'string' && databaseUnreachable(code)) return refusal('unavailable', 'the database cannot be reached just now; try again shortly');
  // Anything else Fastify or Node refuses carries an HTTP status: answered with its code.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') {
    const refused = refusalOfStatus(status);
    if (refused) return refused;
  }
  return refusal('internal', 'the server failed to handle this request; it has been logged');
}

/**
 * PostgreSQL shutting down, restarting after a crash (a full disk's PANIC) or not yet taking
 * connections (class 57P), a connection that broke (class 08), or none to be had: the database
 * is away for a while, which is no bug of the endpoint's.
 */
function databaseUnreachable(code: string): boolean {
  return /^57P0[1-4]$/.test(code) || /^08...$/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}

/** A refusal thrown where Fastify expects an error (a body parser): answered as it is. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusalError';
  }
}

/** The endpoint's code for a 4xx status that Fastify or Node gives of its own accord; null for others. */
export function refusalOfStatus(status: number): Refusal | null {
  switch (status) {
    // secure-json-parse refuses __proto__ and constructor.prototype keys with a 400 of its own.
    case 400: return refusal('invalid-json', 'the request body could not be read as JSON');
    case 404: return refusal('not-found', 'there is nothing at this address');
    case 405: return refusal('method-not-allowed', 'this address does not take this method');
    case 408: return refusal('request-timeout', 'the request took too long to arrive; send it again');
    case 413: return refusal('body-too-large', 'the request body is larger than this endpoint accepts; send fewer documents at a time');
    case 414: return refusal('url-too-long', 'the address is longer than this endpoint reads');
    case 415: return refusal('unsupported-media-type', 'this content type is not accepted here (JSON, or CSV for imports)');
    case 431: return refusal('headers-too-large', 'the request headers are larger than this endpoint reads');
    default: return null;
  }
}
