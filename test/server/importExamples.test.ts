// Venue data in, complete (issue 13, item 8): every platform collection from CSV, each file of
// docs/import-examples/ imported over HTTP in the order docs/sync-server.md gives, and what the
// desks then pull: products with their expiry written as staff write it, passes with their
// product's terms, sessions, and bookings that name their session, customer and pass.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvCollections } from '../../server/import/csvImport';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';

const example = (collection: string) => readFileSync(new URL(`../../docs/import-examples/${collection}.csv`, import.meta.url), 'utf8');

type ImportAnswer = { summary?: Record<string, { inserted: number; updated: number; unchanged: number }>; error?: string; problems?: { path: string; line?: number; field?: string }[] };

describe.each(backends)('CSV import of every collection on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);
    const importCsv = (venueId: string, text: string) => fixture.admin().post<ImportAnswer>(`/admin/venues/${venueId}/import`, text, 'text/csv');

    it('imports each example file of docs/import-examples, in order, and the desks pull them', async () => {
      expect(csvCollections).toEqual(['customers', 'products', 'passes', 'sessions', 'bookings']);
      const { venueId, desk } = await fixture.venueWithDesk('examples');
      const counts = { customers: 3, products: 4, passes: 3, sessions: 2, bookings: 2 };
      for (const collection of ['customers', 'products', 'passes', 'sessions', 'bookings'] as const) {
        const answer = await importCsv(venueId, example(collection));
        expect(answer.body, collection).toEqual({ summary: { [collection]: { inserted: counts[collection], updated: 0, unchanged: 0 } } });
      }
      const products = Object.fromEntries((await desk.pullAll('products')).documents.map((product) => [product.id, product]));
      expect(products['p-10-class']).toMatchObject({ name: '10 classes, 90 days from first use', uses: 10, expiry: { kind: 'relative', days: 90 }, validFor: 'all' });
      expect(products['p-unlimited-month']).toMatchObject({ uses: null, expiry: { kind: 'relative', days: 30 }, validFor: 'all' });
      expect(products['p-yoga-term']).toMatchObject({ uses: 12, expiry: { kind: 'fixed', date: '2027-03-31' }, validFor: ['yoga', 'pilates'] });
      expect(products['p-single']).toMatchObject({ uses: 1, expiry: { kind: 'none' } });
      const passes = Object.fromEntries((await desk.pullAll('passes')).documents.map((pass) => [pass.id, pass]));
      expect(passes['x-2002']).toMatchObject({ productName: 'Yoga term until the end of March', code: '', terms: { uses: 12, expiry: { kind: 'fixed', date: '2027-03-31' }, validFor: ['yoga', 'pilates'] } });
      expect((await desk.pullAll('sessions')).documents.map((session) => session.id).sort()).toEqual(['s-3001', 's-3002']);
      const bookings = Object.fromEntries((await desk.pullAll('bookings')).documents.map((booking) => [booking.id, booking]));
      expect(bookings['b-4001']).toMatchObject({ sessionId: 's-3001', customerId: 'c-1002', passId: 'x-2002' });
      expect(bookings['b-4002']).not.toHaveProperty('passId');
    });

    it.each([
      ['a product whose expiry is not a rule', 'id,name,uses,expiry,validFor\np1,Ten,10,soon,all\n', 2, 'expiry'],
      ['a product whose uses are not a number', 'id,name,uses,expiry,validFor\np1,Ten,ten,none,all\n', 2, 'uses'],
      ['a session that ends before it starts', 'id,name,category,startsAt,endsAt\ns1,Yoga,yoga,2026-12-08T09:00:00Z,2026-12-08T08:00:00Z\n', 2, 'endsAt'],
      ['a booking of a session that is not there', 'id,sessionId,customerId,passId,bookedAt\nb1,s-none,c-1001,,2026-12-01T12:00:00Z\n', 2, 'sessionId'],
    ])('refuses %s, naming the line and field, and applies nothing', async (_label, text, line, field) => {
      const { venueId } = await fixture.venueWithDesk('bad-examples');
      await importCsv(venueId, example('customers'));
      const answer = await importCsv(venueId, text);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid-file' });
      expect(answer.body.problems?.[0]).toMatchObject({ line, field });
    });
  });
});
