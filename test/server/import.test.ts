// Platform data in (issue 4 item 3): JSON venue files and CSV files of customers and passes,
// over HTTP with the admin token and from code. A bad file is refused with the row and field
// at fault and nothing of it is applied; re-importing updates records in place, and only
// records that changed get a new seq (so desks pull only those).
import { describe, expect, it } from 'vitest';
import { SyncAdminError } from '../../server/startSyncServer';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import type { SyncTestClient } from './syncTestClient';

type VenueFileDraft = {
  venue: { id: string; timeZone: string; name?: string };
  products: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  passes: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  bookings: Record<string, unknown>[];
  ledger: Record<string, unknown>[];
};

function venueFile(venueId: string): VenueFileDraft {
  return {
    venue: { id: venueId, timeZone: 'Europe/London' },
    products: [{ id: 'p10', name: '10-class pass', uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' }],
    customers: [
      { id: 'c1', name: 'José Núñez', email: 'jose@example.com' },
      { id: 'c2', name: "Zoë O'Brien" },
    ],
    passes: [{ id: 'x1', customerId: 'c1', productId: 'p10', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001' }],
    sessions: [{ id: 's1', name: 'Morning yoga', category: 'yoga', startsAt: '2026-02-01T08:00:00Z', endsAt: '2026-02-01T09:00:00Z' }],
    bookings: [{ id: 'b1', sessionId: 's1', customerId: 'c1', passId: 'x1', bookedAt: '2026-01-20T09:00:00Z' }],
    ledger: [{
      id: 'l1', venueId, kind: 'check-in', passId: 'x1', customerId: 'c1', sessionId: 's1', deskId: 'desk-1',
      staff: 'Maya', reason: '', at: '2026-02-01T07:55:00Z', hlc: '001769932500000:000000:desk-1',
      charged: false, bookingId: 'b1', venueDay: '2026-02-01',
    }],
  };
}

type ImportAnswer = { summary?: Record<string, { inserted: number; updated: number; unchanged: number }>; error?: string; message?: string; problems?: { path: string; line?: number; field?: string; index?: number }[] };

describe.each(backends)('imports on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);
    const importJson = (venueId: string, file: unknown) => fixture.admin().post<ImportAnswer>(`/admin/venues/${venueId}/import`, JSON.stringify(file));
    const importCsv = (venueId: string, text: string, collection?: string) =>
      fixture.admin().post<ImportAnswer>(`/admin/venues/${venueId}/import${collection ? `?collection=${collection}` : ''}`, text, 'text/csv');
    const everything = async (desk: SyncTestClient) => Object.fromEntries(await Promise.all(
      ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger'].map(async (collection) => [collection, (await desk.pullAll(collection)).documents] as const),
    ));

    it('imports a venue file over HTTP; passes carry their product terms', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('json');
      const answer = await importJson(venueId, venueFile(venueId));
      expect(answer.status).toBe(200);
      expect(answer.body.summary).toEqual({
        products: { inserted: 1, updated: 0, unchanged: 0 },
        customers: { inserted: 2, updated: 0, unchanged: 0 },
        passes: { inserted: 1, updated: 0, unchanged: 0 },
        sessions: { inserted: 1, updated: 0, unchanged: 0 },
        bookings: { inserted: 1, updated: 0, unchanged: 0 },
        ledger: { inserted: 1, updated: 0, unchanged: 0 },
      });
      const pulled = await everything(desk);
      expect(pulled.passes).toEqual([{
        id: 'x1', customerId: 'c1', productId: 'p10', productName: '10-class pass', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001',
        terms: { uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' }, _deleted: false,
      }]);
      expect(pulled.customers).toHaveLength(2);
      expect(pulled.ledger).toHaveLength(1);
    });

    it('updates records in place on a re-import, giving a new seq only to those that changed', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('reimport');
      await importJson(venueId, venueFile(venueId));
      const checkpoints = Object.fromEntries(await Promise.all(['customers', 'passes', 'ledger'].map(async (collection) => [collection, (await desk.pullAll(collection)).seq] as const)));

      const same = await importJson(venueId, venueFile(venueId));
      expect(same.body.summary?.customers).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      expect(same.body.summary?.ledger).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      for (const collection of ['customers', 'passes', 'ledger']) {
        expect((await desk.pull(collection, { seq: checkpoints[collection]! })).body.documents).toEqual([]);
      }

      const changed = venueFile(venueId);
      changed.customers[1] = { id: 'c2', name: "Zoë O'Brien-Smith", email: 'zoe@example.com' };
      changed.customers.push({ id: 'c3', name: 'Ada Lovelace' });
      // Key order and formatting are not changes.
      changed.products[0] = Object.fromEntries(Object.entries(changed.products[0]!).reverse());
      const second = await importJson(venueId, changed);
      expect(second.body.summary?.customers).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
      expect(second.body.summary?.products).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      const since = await desk.pull('customers', { seq: checkpoints.customers! });
      expect(since.body.documents.map((document) => [document.id, document.name])).toEqual([['c2', "Zoë O'Brien-Smith"], ['c3', 'Ada Lovelace']]);
      expect((await desk.pullAll('customers')).documents).toHaveLength(3);
      expect((await desk.get('/sync/hello')).body).toMatchObject({ counts: { customers: 3, products: 1, passes: 1, ledger: 1 } });
    });

    it.each([
      ['a pass of an unknown product', (file: VenueFileDraft) => { file.passes[0]!.productId = 'p99'; }, 'passes[0].productId'],
      ['a customer without a name', (file: VenueFileDraft) => { delete file.customers[1]!.name; }, 'customers[1].name'],
      ['a session that ends before it starts', (file: VenueFileDraft) => { file.sessions[0]!.endsAt = '2026-02-01T07:00:00Z'; }, 'sessions[0].endsAt'],
      ['a ledger entry of another venue', (file: VenueFileDraft) => { file.ledger[0]!.venueId = 'elsewhere'; }, 'ledger[0].venueId'],
      ['a file for another venue', (file: VenueFileDraft) => { file.venue.id = 'elsewhere'; file.ledger[0]!.venueId = 'elsewhere'; }, 'venue.id'],
      ['another time zone', (file: VenueFileDraft) => { file.venue.timeZone = 'America/New_York'; }, 'venue.timeZone'],
      ['a NUL character in a name', (file: VenueFileDraft) => { file.customers[1]!.name = 'Zo\u0000ë'; }, 'customers[1].name'],
    ])('refuses a venue file with %s, naming the place, and applies nothing', async (_label, spoil, path) => {
      const { venueId, desk } = await fixture.venueWithDesk('bad-json');
      const file = venueFile(venueId);
      spoil(file);
      const answer = await importJson(venueId, file);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid-file');
      expect(answer.body.problems?.map((problem) => problem.path)).toContain(path);
      expect(await everything(desk)).toEqual({ products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] });
    });

    it('refuses a ledger entry that differs from the stored one with its id, and leaves everything as it was', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('ledger-immutable');
      await importJson(venueId, venueFile(venueId));
      const before = await everything(desk);
      const file = venueFile(venueId);
      file.customers[0]!.name = 'Changed Name';
      file.ledger[0]!.staff = 'Someone else';
      const answer = await importJson(venueId, file);
      expect(answer.status).toBe(400);
      expect(answer.body.problems?.[0]).toMatchObject({ path: 'ledger[0].id' });
      expect(await everything(desk)).toEqual(before);
    });

    // Issue 12, finding 1: "No stamp further ahead of the endpoint's clock than ε ever reaches
    // another desk": not by a push, and not by an import either.
    it('refuses a ledger entry stamped more than 5 minutes ahead of its clock (clock-ahead), or beyond the stamp\'s bounds, importing nothing', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('import-clock-ahead');
      const ahead = venueFile(venueId);
      ahead.ledger[0]!.hlc = `${String(Date.now() + 6 * 60_000).padStart(15, '0')}:000000:desk-1`;
      const answer = await importJson(venueId, ahead);
      expect(answer).toMatchObject({ status: 409, body: { error: 'clock-ahead', problems: [{ path: 'ledger[0].hlc' }] } });
      const poisoned = venueFile(venueId);
      poisoned.ledger[0]!.hlc = '999999999999999:999999:zz';
      expect(await importJson(venueId, poisoned)).toMatchObject({ status: 400, body: { error: 'invalid-file' } });
      expect((await everything(desk)).customers).toEqual([]);
    });

    it('refuses an import into a venue that does not exist', async () => {
      const answer = await importJson('no-such-venue', venueFile('no-such-venue'));
      expect(answer).toMatchObject({ status: 404, body: { error: 'unknown-venue' } });
    });

    it('imports customers and passes from CSV; a pass takes its product terms, a stored pass keeps its snapshot', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('csv');
      await importJson(venueId, { ...venueFile(venueId), ledger: [], bookings: [] });
      const customers = await importCsv(venueId, 'id,name,email\r\nc7,"Núñez, José",jose7@example.com\r\nc8,Ada Lovelace,\r\n');
      expect(customers).toMatchObject({ status: 200, body: { summary: { customers: { inserted: 2, updated: 0, unchanged: 0 } } } });
      const passes = await importCsv(venueId, 'customerId,id,productId,purchasedAt,code\nc7,x7,p10,2026-03-01T09:00:00Z,PASS-7\nc8,x8,p10,2026-03-02T09:00:00+01:00,\n');
      expect(passes).toMatchObject({ status: 200, body: { summary: { passes: { inserted: 2, updated: 0, unchanged: 0 } } } });
      const pulled = (await desk.pullAll('passes')).documents;
      expect(pulled.find((pass) => pass.id === 'x8')).toMatchObject({ productName: '10-class pass', code: '', terms: { uses: 10 } });

      // The product's terms change on the platform; passes already sold keep theirs.
      const newTerms = venueFile(venueId);
      newTerms.products[0] = { ...newTerms.products[0]!, uses: 12 };
      await importJson(venueId, { ...newTerms, passes: [], ledger: [], bookings: [], customers: [], sessions: [] });
      const again = await importCsv(venueId, 'id,customerId,productId,purchasedAt,code\nx7,c7,p10,2026-03-01T09:00:00Z,PASS-7B\nx9,c8,p10,2026-03-03T09:00:00Z,PASS-9\n', 'passes');
      expect(again.body.summary?.passes).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      const after = Object.fromEntries((await desk.pullAll('passes')).documents.map((pass) => [pass.id, pass]));
      expect(after.x7).toMatchObject({ code: 'PASS-7B', terms: { uses: 10 } });
      expect(after.x9).toMatchObject({ terms: { uses: 12 } });
    });

    it.each([
      ['an empty name', 'id,name,email\nc1,Ada,\nc2,,b@example.com\n', undefined, 3, 'name'],
      ['a missing column', 'id,email\nc1,a@example.com\n', 'customers', 1, 'name'],
      ['an unknown column', 'id,name,phone\nc1,Ada,555\n', undefined, 1, 'phone'],
      ['a row with too many fields', 'id,name,email\nc1,Ada,a@example.com\nc2,Smith, Jo,j@example.com\n', undefined, 3, undefined],
      ['a quote never closed', 'id,name,email\nc1,"Ada,a@example.com\n', undefined, undefined, undefined],
      ['an id used twice', 'id,name\nc1,Ada\nc1,Bob\n', undefined, 3, 'id'],
      ['a pass of an unknown product', 'id,customerId,productId,purchasedAt,code\nx5,c1,p-gone,2026-03-01T09:00:00Z,\n', undefined, 2, 'productId'],
      ['a pass of an unknown customer', 'id,customerId,productId,purchasedAt,code\nx5,c404,p10,2026-03-01T09:00:00Z,\n', undefined, 2, 'customerId'],
      ['a purchase time without a zone', 'id,customerId,productId,purchasedAt,code\nx5,c1,p10,2026-03-01 09:00,\n', undefined, 2, 'purchasedAt'],
      ['a pass code another pass has, in other case', 'id,customerId,productId,purchasedAt,code\nx5,c1,p10,2026-03-01T09:00:00Z,pass-0001\n', undefined, 2, 'code'],
      ['two pass codes differing only in case', 'id,customerId,productId,purchasedAt,code\nx5,c1,p10,2026-03-01T09:00:00Z,AB\nx6,c1,p10,2026-03-01T09:00:00Z,ab\n', undefined, 3, 'code'],
    ])('refuses a CSV with %s, naming the line and field, and applies nothing', async (_label, text, collection, line, field) => {
      const { venueId, desk } = await fixture.venueWithDesk('bad-csv');
      await importJson(venueId, { ...venueFile(venueId), ledger: [], bookings: [] });
      const before = await everything(desk);
      const answer = await importCsv(venueId, text, collection);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid-file');
      const problem = answer.body.problems?.[0];
      if (line !== undefined) expect(problem?.line).toBe(line);
      if (field !== undefined) expect(problem?.field).toBe(field);
      expect(answer.body.message).toMatch(/line \d+/);
      expect(await everything(desk)).toEqual(before);
    });

    it('imports from code, refusing bad records with a SyncAdminError that says where', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('from-code');
      const data = {
        venue: { id: venueId, timeZone: 'Europe/London' },
        products: [], customers: [{ id: 'c1', name: 'Ada' }], passes: [], sessions: [], bookings: [], ledger: [],
      };
      expect(await fixture.server.admin.importVenueData(venueId, data)).toEqual({ customers: { inserted: 1, updated: 0, unchanged: 0 } });
      const bad = { ...data, customers: [{ id: 'c2', name: 'Bob' }, { id: 'c3', name: '' }] };
      const refused = await fixture.server.admin.importVenueData(venueId, bad).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SyncAdminError);
      expect((refused as SyncAdminError).problems?.[0]).toMatchObject({ path: 'customers[1].name' });
      expect((await desk.pullAll('customers')).documents.map((customer) => customer.id)).toEqual(['c1']);
    });
  });
});
