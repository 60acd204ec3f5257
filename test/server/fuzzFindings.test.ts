// What the fuzzed boundaries (test/fuzz/httpFuzz.ts, importFuzz.ts) found at the endpoint, one
// row each: text PostgreSQL cannot store (a NUL, half a surrogate pair) failed requests as
// server errors; a field of the wrong type was reported missing; a URL that cannot be decoded,
// or a venue id over 100 characters, was answered in Fastify's words, not the endpoint's. Each
// must now be a 4xx with the endpoint's code and the place at fault, and change nothing.
import { describe, expect, it } from 'vitest';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { ADMIN_TOKEN, checkInEntry } from './syncTestClient';

type Answer = { status: number; body: { error?: string; message?: string; problems?: { path: string; line?: number; field?: string; message: string }[] } };

describe.each(backends)('fuzz findings on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);

    const request = async (method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> => {
      const response = await fixture.server.app.inject({
        method: method as 'GET',
        url: path,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
        ...(body === undefined ? {} : { payload: body }),
      });
      return { status: response.statusCode, body: JSON.parse(response.body) as Answer['body'] };
    };

    it.each([
      { rule: 'half a surrogate pair in a staff name', entry: { staff: 'Ana \ud83d' }, field: 'staff' },
      { rule: 'half a surrogate pair in an id', entry: { id: 'entry-\udc00' }, field: 'id' },
      { rule: 'a NUL in a reason', entry: { reason: 'typo\u0000' }, field: 'reason' },
    ])('refuses a push with $rule, naming the field, and saves nothing of the batch', async ({ entry, field }) => {
      const { venueId, desk } = await fixture.venueWithDesk('unstorable-push');
      const answer = await desk.push([checkInEntry(venueId), checkInEntry(venueId, entry)]);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid-document' });
      expect(answer.body.problems?.map((problem) => problem.path)).toContain(`rows[1].newDocumentState.${field}`);
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
    });

    it.each([
      { rule: 'a venue id with a NUL', method: 'POST', path: '/admin/venues', body: { id: 'v\u0000', timeZone: 'UTC' }, status: 400, error: 'invalid-body', field: 'id' },
      { rule: 'a venue name with half a surrogate pair', method: 'POST', path: '/admin/venues', body: { id: 'fresh-venue', timeZone: 'UTC', name: '\udc00' }, status: 400, error: 'invalid-body', field: 'name' },
      { rule: 'a device name with a NUL', method: 'POST', path: '/admin/venues/VENUE/devices', body: { name: 'desk\u0000' }, status: 400, error: 'invalid-body', field: 'name' },
      { rule: 'a device revoked by an id with a NUL', method: 'POST', path: '/admin/devices/revoke', body: { device: 'dev-\u0000' }, status: 404, error: 'unknown-device' },
      { rule: 'the devices of a venue id with a NUL', method: 'GET', path: '/admin/venues/v%00/devices', status: 404, error: 'unknown-venue' },
      { rule: 'a CSV into a venue id with a NUL', method: 'POST', path: '/admin/venues/v%00/import', csv: 'id,name\nc1,Ada\n', status: 404, error: 'unknown-venue' },
    ])('answers $rule with $status $error, not a server error', async ({ method, path, body, csv, status, error, field }) => {
      const { venueId } = await fixture.venueWithDesk('unstorable-admin');
      const answer = await request(method, path.replace('VENUE', venueId), csv ?? (body === undefined ? undefined : JSON.stringify(body)), csv ? 'text/csv' : 'application/json');
      expect(answer).toMatchObject({ status, body: { error } });
      if (field) expect(answer.body.problems?.map((problem) => problem.field)).toContain(field);
      const venues = (await request('GET', '/admin/venues')).body as { venues: { id: string }[] };
      expect(venues.venues.map((venue) => venue.id)).not.toContain('fresh-venue');
    });

    it('refuses a CSV pass naming a customer with a NUL at its line and field, before looking anything up', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('unstorable-csv');
      const answer = await request('POST', `/admin/venues/${venueId}/import`, 'id,customerId,productId,purchasedAt,code\nx1,c\u0000,p1,2026-01-05T10:00:00Z,\n', 'text/csv');
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid-file' } });
      expect(answer.body.problems).toContainEqual(expect.objectContaining({ line: 2, field: 'customerId' }));
      expect((await desk.pullAll('passes')).documents).toEqual([]);
    });

    it('says a field of the wrong type is of the wrong type, not missing', async () => {
      const { desk } = await fixture.venueWithDesk('wrong-type');
      const pull = await desk.get<{ problems: { path: string; message: string }[] }>('/sync/ledger/pull?seq=1&seq=2');
      expect(pull.status).toBe(400);
      expect(pull.body.problems[0]).toMatchObject({ path: 'seq' });
      expect(pull.body.problems[0]!.message).not.toMatch(/missing/);
      const push = await desk.post<{ problems: { path: string; message: string }[] }>('/sync/ledger/push', JSON.stringify({ rows: 5 }));
      expect(push.body.problems[0]).toMatchObject({ path: 'rows', message: expect.stringMatching(/expected array/) });
    });

    it('answers an import with a query it does not take as a bad query', async () => {
      const { venueId } = await fixture.venueWithDesk('import-query');
      const answer = await request('POST', `/admin/venues/${venueId}/import?collection=ledger`, 'id,name\nc1,Ada\n', 'text/csv');
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid-query', problems: [expect.objectContaining({ path: 'collection' })] } });
    });

    it.each([
      { rule: 'a "%" that starts no character', path: '/sync/%E0%A4%A/pull', status: 400, error: 'invalid-url' },
      { rule: 'an encoded half of a surrogate pair', path: '/admin/venues/%ED%A0%80/devices', status: 400, error: 'invalid-url' },
      { rule: 'a part of the address longer than any id', path: `/admin/venues/${'v'.repeat(3_000)}/devices`, status: 414, error: 'url-too-long' },
    ])('answers a URL with $rule in the endpoint\'s words', async ({ path, status, error }) => {
      const answer = await request('GET', path);
      expect(answer).toMatchObject({ status, body: { error, message: expect.any(String) } });
    });

    it('takes a venue id of 200 characters (the most a venue id may be) in its addresses', async () => {
      const venueId = 'v'.repeat(200);
      expect((await request('POST', '/admin/venues', JSON.stringify({ id: venueId, timeZone: 'UTC' }))).status).toBe(201);
      expect(await request('GET', `/admin/venues/${venueId}/devices`)).toMatchObject({ status: 200, body: { devices: [] } });
      expect(await request('GET', `/admin/venues/${'w'.repeat(200)}/devices`)).toMatchObject({ status: 404, body: { error: 'unknown-venue' } });
    });
  });
});
