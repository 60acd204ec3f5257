// What the endpoint answers for what was thrown (server/errors.ts): the database away for a
// while, or out of room, is said with its code, never as a bug (`internal`).
import { describe, expect, it } from 'vitest';
import { refusalOfThrown, statusOf } from '../../server/errors';

const thrown = (code: string, statusCode?: number) => Object.assign(new Error(code), { code, ...(statusCode ? { statusCode } : {}) });

describe('refusals of what was thrown', () => {
  it.each([
    ['PostgreSQL out of disk (53100)', thrown('53100'), 'storage-full', 507],
    ['PostgreSQL shutting down (57P01)', thrown('57P01'), 'unavailable', 503],
    ['PostgreSQL restarting after a crash (57P02)', thrown('57P02'), 'unavailable', 503],
    ['PostgreSQL not yet taking connections (57P03)', thrown('57P03'), 'unavailable', 503],
    ['a broken connection (08006)', thrown('08006'), 'unavailable', 503],
    ['no connection to be had', thrown('ECONNREFUSED'), 'unavailable', 503],
    ['Fastify: a body too large', thrown('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'body-too-large', 413],
    ['Fastify: a request that timed out', thrown('FST_SOMETHING_NEW', 408), 'request-timeout', 408],
    ['Fastify: headers too large', thrown('FST_SOMETHING_NEW', 431), 'headers-too-large', 431],
    ['a bug', new TypeError('x is undefined'), 'internal', 500],
  ])('%s is answered %s', (_label, error, code, status) => {
    const refused = refusalOfThrown(error);
    expect(refused.error).toBe(code);
    expect(statusOf(refused.error)).toBe(status);
    expect(refused.message.length).toBeGreaterThan(0);
  });
});
