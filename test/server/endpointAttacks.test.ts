// The endpoint cannot be stalled (issue 12, findings 2 and 9): each test is named after an
// attack that worked on the endpoint before, made as an attacker would make it, on PGlite and
// on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../shared/schema/jsonDepth';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { SyncTestClient, checkInEntry } from './syncTestClient';
import { openRaw, rawRequest, requestHead } from './rawHttp';
import { deepestAssumedState, widestCheckIn } from '../fuzz/extremeValues';

/** The body of the trial: 2.4 million nested arrays, 4.8 MB. */
const DEEP_BODY_BYTES = 4_800_000;

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe.each(backends)('an endpoint that cannot be stalled, on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000, timeouts: { requestMs: 3_000, headersMs: 2_000 } });

    it('a deep body without a token is answered 401 before it is read, and /healthz is not stalled meanwhile', async () => {
      const connection = await openRaw(fixture.server.url);
      connection.send(requestHead('POST', '/sync/ledger/push', { 'content-type': 'application/json', 'content-length': String(DEEP_BODY_BYTES) }));
      // The first 64 kB of the body, and no more: the answer must not wait for the rest.
      connection.send('['.repeat(64 * 1024));
      const health = fetch(`${fixture.server.url}/healthz`).then((response) => response.status);
      const answer = await connection.answer(5_000);
      expect(answer.status).toBe(401);
      expect(json(answer.body)).toMatchObject({ error: 'missing-token' });
      expect(answer.headers.connection).toBe('close');
      expect(answer.closed).toBe(true);
      expect(await health).toBe(200);
    });

    it('an admin import without the admin token is answered 401 before its body is read', async () => {
      const answer = await rawRequest(fixture.server.url, requestHead('POST', '/admin/venues/any/import', { 'content-type': 'application/json', 'content-length': String(100_000_000), authorization: 'Bearer wrong' }), { body: '{"venue":', waitMs: 5_000 });
      expect(answer).toMatchObject({ status: 401, closed: true });
      expect(json(answer.body)).toMatchObject({ error: 'invalid-admin-token' });
    });

    it('a deep body with a valid token is refused as json-too-deep at once, and the deepest allowed nesting is read', async () => {
      const { desk } = await fixture.venueWithDesk('deep');
      const deep = await desk.post('/sync/ledger/push', '['.repeat(DEEP_BODY_BYTES / 2) + ']'.repeat(DEEP_BODY_BYTES / 2));
      expect(deep).toMatchObject({ status: 400, body: { error: 'json-too-deep' } });
      // MAX_JSON_DEPTH levels in all: { rows: [ { newDocumentState: { x: [[…]] } } ] }.
      const nested = '['.repeat(MAX_JSON_DEPTH - 4) + ']'.repeat(MAX_JSON_DEPTH - 4);
      const deepest = await desk.post('/sync/ledger/push', `{"rows":[{"newDocumentState":{"x":${nested}}}]}`);
      expect(deepest).toMatchObject({ status: 400, body: { error: 'invalid-document' } });
      const tooDeep = await desk.post('/sync/ledger/push', `{"rows":[{"newDocumentState":{"x":[${nested}]}}]}`);
      expect(tooDeep).toMatchObject({ status: 400, body: { error: 'json-too-deep' } });
    });

    it('the largest legitimate push (1,000 entries, every text at its longest in 3-byte characters, each with its assumed state) is taken whole', async () => {
      const { desk, venueId } = await fixture.venueWithDesk('largest');
      const entries = Array.from({ length: 1_000 }, (_, index) => widestCheckIn(venueId, index, Date.now()));
      const body = JSON.stringify({ rows: entries.map((entry) => ({ newDocumentState: { ...entry, _deleted: false }, assumedMasterState: { ...entry, _deleted: false } })) });
      expect(Buffer.byteLength(body)).toBeGreaterThan(12 * 1024 * 1024);
      expect(await desk.post('/sync/ledger/push', body)).toEqual({ status: 200, body: { conflicts: [] } });
      const deepest = JSON.stringify({ rows: [{ newDocumentState: { ...widestCheckIn(venueId, 1_000, Date.now()), _deleted: false }, assumedMasterState: deepestAssumedState() }] });
      expect(await desk.post('/sync/ledger/push', deepest)).toEqual({ status: 200, body: { conflicts: [] } });
    }, 60_000);

    it('a slow body without a token is cut at once', async () => {
      const connection = await openRaw(fixture.server.url);
      connection.send(requestHead('POST', '/sync/ledger/push', { 'content-type': 'application/json', 'content-length': '1000000' }));
      const drip = setInterval(() => connection.send('['), 100);
      const answer = await connection.answer(10_000);
      clearInterval(drip);
      expect(answer).toMatchObject({ status: 401, closed: true });
      expect(answer.answeredAfterMs).toBeLessThan(5_000);
    });

    it('a slow body with a valid token is cut by the request timeout, answered request-timeout', async () => {
      const { desk } = await fixture.venueWithDesk('slow');
      const connection = await openRaw(fixture.server.url);
      connection.send(requestHead('POST', '/sync/ledger/push', { 'content-type': 'application/json', 'content-length': '1000000', authorization: `Bearer ${desk.token}` }));
      const drip = setInterval(() => connection.send(' '), 100);
      const answer = await connection.answer(15_000);
      clearInterval(drip);
      expect(answer.closed).toBe(true);
      expect(answer.status).toBe(408);
      expect(json(answer.body)).toMatchObject({ error: 'request-timeout' });
    });

    it('headers sent slowly are cut by the header timeout, answered request-timeout', async () => {
      const connection = await openRaw(fixture.server.url);
      connection.send('GET /sync/hello HTTP/1.1\r\nhost: 127.0.0.1\r\n');
      const drip = setInterval(() => connection.send('x-slow: 1\r\n'), 200);
      const answer = await connection.answer(15_000);
      clearInterval(drip);
      expect(answer.closed).toBe(true);
      expect(answer.status).toBe(408);
      expect(json(answer.body)).toMatchObject({ error: 'request-timeout' });
    });

    it('a body labelled charset=utf-16 is refused as unsupported-media-type, and charset=utf-8 is read', async () => {
      const { desk, venueId } = await fixture.venueWithDesk('charset');
      const body = JSON.stringify({ rows: [{ newDocumentState: { ...checkInEntry(venueId), _deleted: false } }] });
      expect(await desk.post('/sync/ledger/push', body, 'application/json; charset=utf-16')).toMatchObject({ status: 415, body: { error: 'unsupported-media-type' } });
      expect(await desk.post('/sync/ledger/push', body, 'application/json; charset="UTF-16LE"')).toMatchObject({ status: 415, body: { error: 'unsupported-media-type' } });
      expect(await fixture.admin().post(`/admin/venues/${venueId}/import`, 'id,name\nc-1,Jo\n', 'text/csv; charset=iso-8859-1')).toMatchObject({ status: 415, body: { error: 'unsupported-media-type' } });
      expect(await desk.post('/sync/ledger/push', body, 'application/json; charset=UTF-8')).toMatchObject({ status: 200 });
    });

    it('a device cannot hold more than 4 live streams; a closed one makes room', async () => {
      const { desk } = await fixture.venueWithDesk('streams');
      const streams = await Promise.all([1, 2, 3, 4].map(() => desk.openStream()));
      expect(streams.map((stream) => stream.status)).toEqual([200, 200, 200, 200]);
      const fifth = await fetch(`${fixture.server.url}/sync/stream`, { headers: { authorization: `Bearer ${desk.token}` } });
      expect(fifth.status).toBe(429);
      expect(await fifth.json()).toMatchObject({ error: 'too-many-streams' });
      streams[0]!.close();
      await expect.poll(async () => {
        const again = await desk.openStream();
        again.close();
        return again.status;
      }, { timeout: 5_000 }).toBe(200);
      for (const stream of streams) stream.close();
    });
  });
});

describe.each(backends)('error shapes on $name: every refusal in the endpoint\'s words', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000 });

    it.each([
      ['a request line that is not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400, 'invalid-request'],
      ['headers of 64 kB', requestHead('GET', '/healthz', { 'x-big': 'x'.repeat(64 * 1024) }), 431, 'headers-too-large'],
      ['a method the endpoint does not know', requestHead('PROPFIND', '/healthz', {}), 404, 'not-found'],
    ])('%s is answered with a documented code', async (_label, head, status, error) => {
      const answer = await rawRequest(fixture.server.url, head, { waitMs: 5_000 });
      expect(answer.status).toBe(status);
      expect(json(answer.body)).toMatchObject({ error });
      expect(Object.keys(json(answer.body)).sort()).toEqual(['error', 'message']);
    });

    it('a body over the limit of its route is answered body-too-large', async () => {
      const body = JSON.stringify({ name: 'x'.repeat(100 * 1024) });
      expect(await fixture.admin().post('/admin/venues/any/devices', body)).toMatchObject({ status: 413, body: { error: 'body-too-large' } });
    });

    it('a form body is answered unsupported-media-type', async () => {
      const { desk } = await fixture.venueWithDesk('form');
      expect(await desk.post('/sync/ledger/push', 'a=1', 'application/x-www-form-urlencoded')).toMatchObject({ status: 415, body: { error: 'unsupported-media-type' } });
    });
  });
});

describe.each(backends)('failed-auth limiting on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000 });

    it('300 wrong tokens from one address are answered 429 too-many-failed-attempts, with Retry-After', async () => {
      const { desk } = await fixture.venueWithDesk('guessing');
      const statuses: number[] = [];
      let limited: Response | null = null;
      for (let batch = 0; batch < 30; batch += 1) {
        const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => fetch(`${fixture.server.url}/sync/hello`, { headers: { authorization: `Bearer guess-${batch}-${index}` } })));
        for (const answer of answers) {
          statuses.push(answer.status);
          if (answer.status === 429) limited ??= answer;
          else await answer.body?.cancel();
        }
      }
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(30);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(270);
      expect(limited).not.toBeNull();
      expect(await limited!.json()).toMatchObject({ error: 'too-many-failed-attempts' });
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      // The address is refused until the window ends, whatever token it sends.
      expect(await desk.get('/sync/hello')).toMatchObject({ status: 429 });
      const anotherServerClient = new SyncTestClient(fixture.server.url, 'x');
      expect((await anotherServerClient.get('/healthz')).status).toBe(200);
    });
  });
});
