// Ledger pushes (ARCHITECTURE "Sync"): inserts only; a repeated id is acknowledged again, a
// different document under an existing id is a conflict answered with the stored one; one bad
// document refuses the whole batch; bodies are limited and errors say why.
import { describe, expect, it } from 'vitest';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { checkInEntry } from './syncTestClient';

describe.each(backends)('ledger push on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);

    it('saves new entries and acknowledges a duplicate push without storing it twice', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('duplicate');
      const entries = [checkInEntry(venueId), checkInEntry(venueId)];
      expect(await desk.push(entries)).toEqual({ status: 200, body: { conflicts: [] } });
      expect(await desk.push(entries)).toEqual({ status: 200, body: { conflicts: [] } });
      const pulled = await desk.pullAll('ledger');
      expect(pulled.documents.map((document) => document.id)).toEqual(entries.map((entry) => entry.id));
      expect(pulled.documents[0]).toEqual({ ...entries[0], _deleted: false });
      expect((await desk.get('/sync/hello')).body).toMatchObject({ counts: { ledger: 2 } });
    });

    it('acknowledges a push replayed after a timeout, mixed with new entries, each stored once', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('replay');
      const first = [checkInEntry(venueId), checkInEntry(venueId), checkInEntry(venueId)];
      await desk.push(first);
      // The desk never saw the answer, so it sends the same rows again with one made since.
      const later = checkInEntry(venueId);
      expect((await desk.push([...first, later])).body).toEqual({ conflicts: [] });
      const ids = (await desk.pullAll('ledger')).documents.map((document) => document.id);
      expect(ids).toEqual([...first, later].map((entry) => entry.id));
    });

    it('treats the same entry with its keys in another order as the same entry', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('key-order');
      const entry = checkInEntry(venueId);
      await desk.push([entry]);
      const reversed = Object.fromEntries(Object.entries(entry).reverse());
      expect((await desk.push([reversed])).body).toEqual({ conflicts: [] });
    });

    it('answers a different entry under an existing id with the stored one, and keeps the stored one', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('conflict');
      const stored = checkInEntry(venueId);
      await desk.push([stored]);
      const other = { ...stored, staff: 'Someone else', charged: false };
      const fresh = checkInEntry(venueId);
      const answer = await desk.push([other, fresh]);
      expect(answer).toEqual({ status: 200, body: { conflicts: [{ ...stored, _deleted: false }] } });
      const pulled = (await desk.pullAll('ledger')).documents;
      expect(pulled).toEqual([{ ...stored, _deleted: false }, { ...fresh, _deleted: false }]);
    });

    // Issue 12, finding 1: an entry stamped 999999999999999:999999:zz, pushed once with a valid
    // device token, was stored and replicated, and took every desk of the venue down.
    it('refuses an entry stamped 999999999999999:999999:zz (beyond the stamp\'s bounds) as invalid-document, saving nothing', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('stamp-bounds');
      const answer = await desk.push([checkInEntry(venueId), checkInEntry(venueId, { hlc: '999999999999999:999999:zz' })]);
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid-document', problems: [{ index: 1, field: 'hlc' }] } });
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
    });

    it('refuses an entry stamped more than 5 minutes ahead of its clock with clock-ahead, saving nothing, and tells a desk its time in hello', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('clock-ahead');
      const stampAt = (ms: number) => `${String(ms).padStart(15, '0')}:000000:desk-1`;
      const hello = (await desk.get('/sync/hello')).body as { serverTime: string };
      const serverMs = Date.parse(hello.serverTime);
      expect(Math.abs(serverMs - Date.now())).toBeLessThan(60_000);
      const within = checkInEntry(venueId, { hlc: stampAt(Date.now() + 4 * 60_000) });
      const ahead = checkInEntry(venueId, { hlc: stampAt(Date.now() + 6 * 60_000) });
      const answer = await desk.push([within, ahead]);
      expect(answer).toMatchObject({ status: 409, body: { error: 'clock-ahead', problems: [{ index: 1, field: 'hlc' }] } });
      expect((answer.body as { problems: unknown[] }).problems).toHaveLength(1);
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
      expect(await desk.push([within])).toEqual({ status: 200, body: { conflicts: [] } });
    });

    it('keeps the first of two different rows with one id in a batch, answering the second as a conflict', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('same-batch');
      const first = checkInEntry(venueId);
      const second = { ...first, staff: 'Other' };
      expect((await desk.push([first, second])).body).toEqual({ conflicts: [{ ...first, _deleted: false }] });
    });

    it.each([
      ['a malformed clock stamp', { hlc: 'yesterday' }, 'hlc'],
      ['an unknown kind of entry', { kind: 'teleport' }, 'kind'],
      ['a missing customer', { customerId: undefined }, 'customerId'],
      ['an instant without a zone', { at: '2026-02-01T09:00:00' }, 'at'],
      ['a field no entry has', { colour: 'red' }, undefined],
      ['a deleted flag', { _deleted: true }, '_deleted'],
      ['a NUL character, which PostgreSQL cannot store', { staff: 'Ma\u0000ya' }, 'staff'],
    ])('refuses the whole batch when one entry has %s, naming its index and field', async (_label, change, field) => {
      const { venueId, desk } = await fixture.venueWithDesk('invalid');
      const good = [checkInEntry(venueId), checkInEntry(venueId)];
      const bad = { ...checkInEntry(venueId), ...change };
      const rows = [good[0], bad, good[1]].map((entry) => ({ newDocumentState: { _deleted: false, ...entry } }));
      const answer = await desk.post<{ error: string; message: string; problems: { index: number; field?: string; path: string }[] }>('/sync/ledger/push', JSON.stringify({ rows }));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid-document');
      expect(answer.body.problems[0]).toMatchObject({ index: 1, ...(field ? { field } : {}) });
      expect(answer.body.message).toContain('rows[1].newDocumentState');
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
    });

    it("refuses an entry of another venue, even among this venue's entries", async () => {
      const { venueId, desk } = await fixture.venueWithDesk('wrong-venue');
      const answer = await desk.push([checkInEntry(venueId), checkInEntry('some-other-venue')]);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: 'wrong-venue', problems: [{ index: 1, field: 'venueId' }] });
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
    });

    it.each([
      ['malformed JSON', '{"rows": [', 'application/json', 400, 'invalid-json'],
      ['an empty body', '', 'application/json', 400, 'invalid-json'],
      ['a body that is not a push', '{"documents": []}', 'application/json', 400, 'invalid-body'],
      ['a prototype-poisoning key', '{"rows": [], "__proto__": {"x": 1}}', 'application/json', 400, 'invalid-json'],
      ['rows that are not objects', '{"rows": [1, 2]}', 'application/json', 400, 'invalid-body'],
      ['a content type that is not JSON', 'rows', 'application/xml', 415, 'unsupported-media-type'],
    ])('answers %s with a clear 4xx', async (_label, body, contentType, status, error) => {
      const { desk } = await fixture.venueWithDesk('malformed');
      const answer = await desk.post<{ error: string; message: string }>('/sync/ledger/push', body, contentType);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toBe(error);
      expect(answer.body.message).toMatch(/\w/);
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    });

    it('refuses more than 1,000 rows, and a body over 16 MB with 413', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('oversized');
      const tooMany = await desk.push(Array.from({ length: 1001 }, () => checkInEntry(venueId)));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error).toBe('invalid-body');
      const huge = JSON.stringify({ rows: [{ newDocumentState: { ...checkInEntry(venueId), reason: 'x'.repeat(17 * 1024 * 1024) } }] });
      const tooLarge = await desk.post('/sync/ledger/push', huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error).toBe('body-too-large');
      expect((await desk.pullAll('ledger')).documents).toEqual([]);
    });

    it('has no push for an unknown collection, and none for platform collections', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('collections');
      const unknown = await desk.push([checkInEntry(venueId)], 'invoices');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('unknown-collection');
      const readOnly = await desk.push([{ id: 'c9', name: 'Ada' }], 'customers');
      expect(readOnly.status).toBe(405);
      expect(readOnly.body.error).toBe('read-only-collection');
      const nowhere = await desk.get('/sync/nothing/here');
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.error).toBe('not-found');
    });
  });
});
