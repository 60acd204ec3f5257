// Both sides of the sync contract are typed by it (shared/schema/syncContract.ts): a desk's call
// takes the route's params, query and body and answers the route's answer; an endpoint handler
// receives them parsed. The lines marked @ts-expect-error must NOT compile: `npm run typecheck`
// checks this file (tsconfig.json includes test/), and fails if one of them compiles, as they
// did while the request function took `body?: unknown` and queries as loose records.
import Fastify from 'fastify';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PushResponse, RouteAnswer, RouteBody, RouteQuery } from '../../shared/schema/syncContract';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { registerContractRoute } from '../../server/routes/contractRoute';

const unreachable = new SyncEndpoint({ url: 'http://127.0.0.1:9/', token: 'token' }, { fetch: () => Promise.reject(new Error('not sent')), timeoutMs: 1_000 });

describe('a route called with the wrong input does not compile', () => {
  it('a push with rows that are not push rows', async () => {
    // @ts-expect-error a push's rows are { newDocumentState, assumedMasterState? }, not documents
    const answer = await unreachable.call('push', { params: { collection: 'ledger' }, body: { rows: [{ id: 'l-1', hlc: 'x' }] } });
    expect(answer.ok).toBe(false);
  });

  it('a push without its body', async () => {
    // @ts-expect-error a push needs its body
    const answer = await unreachable.call('push', { params: { collection: 'ledger' } });
    expect(answer.ok).toBe(false);
  });

  it('a pull of a collection that does not exist, and a page after a number', async () => {
    // @ts-expect-error there is no collection "tickets"
    const pull = await unreachable.call('pull', { params: { collection: 'tickets' }, query: {} });
    // @ts-expect-error `after` is the `next` of the page before, a text
    const page = await unreachable.call('snapshotPage', { params: { part: 'passes' }, query: { seq: 0, after: 2_000 } });
    expect([pull.ok, page.ok]).toEqual([false, false]);
  });

  it('an admin route with the body of another', async () => {
    // @ts-expect-error a revocation names { device }, not a venue
    const answer = await unreachable.call('revokeDevice', { params: {}, body: { id: 'v-1', timeZone: 'Europe/London' } });
    expect(answer.ok).toBe(false);
  });

  it('an endpoint handler that reads what its route does not take', () => {
    const app = Fastify();
    registerContractRoute(app, 'pull', {}, async ({ query, body }, reply) => {
      // @ts-expect-error a pull's query has seq, id and limit: no `after`
      const after: string = query.after;
      // @ts-expect-error a pull takes no body
      const rows: unknown[] = body.rows;
      return reply.send({ after, rows });
    });
    expect(app).toBeDefined();
  });
});

describe('the types each side is given', () => {
  it('a call answers the route\'s answer, parsed', () => {
    expectTypeOf<Awaited<ReturnType<typeof unreachable.push>>>().toEqualTypeOf<Awaited<ReturnType<typeof unreachable.call<'push'>>>>();
    expectTypeOf<RouteAnswer<'push'>>().toEqualTypeOf<PushResponse>();
  });

  it('a handler receives the query after defaults and coercion, and no body where there is none', () => {
    expectTypeOf<RouteQuery<'pull'>>().toEqualTypeOf<{ seq?: number | undefined; id?: string | undefined; limit: number }>();
    expectTypeOf<RouteBody<'hello'>>().toEqualTypeOf<undefined>();
  });
});
