// The live stream (`GET /sync/stream`, Server-Sent Events): a resync first on every connect,
// then every committed change of the token's venue, heartbeats as comments, and a clean end.
import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/schema/syncContract';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { checkInEntry } from './syncTestClient';

function openConnections(server: { app: { server: { getConnections(callback: (error: Error | null, count: number) => void): void } } }): Promise<number> {
  return new Promise((resolve, reject) => server.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

describe.each(backends)('live stream on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 150 });

    it('starts with a resync, then carries what another desk pushes, with the checkpoint a pull gives', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('live');
      const other = await fixture.desk(venueId, 'desk 2');
      const stream = await desk.openStream();
      expect(stream.status).toBe(200);
      expect(await stream.next()).toEqual({ kind: 'resync' });

      const entries = [checkInEntry(venueId), checkInEntry(venueId)];
      await other.desk.push(entries);
      const messages = await stream.untilDocuments(entries.map((entry) => String(entry.id)));
      const changes = messages.filter((message): message is Extract<StreamMessage, { kind: 'changes' }> => message.kind === 'changes');
      expect(changes.flatMap((message) => message.documents)).toEqual(entries.map((entry) => ({ ...entry, _deleted: false })));
      expect(changes.every((message) => message.collection === 'ledger')).toBe(true);
      const pulled = await desk.pull('ledger');
      expect(changes[changes.length - 1]!.checkpoint).toEqual(pulled.body.checkpoint);
      stream.close();
    });

    it("carries nothing of another venue, and a repeated push carries nothing new", async () => {
      const a = await fixture.venueWithDesk('quiet-a');
      const b = await fixture.venueWithDesk('quiet-b');
      const stream = await a.desk.openStream();
      expect(await stream.next()).toEqual({ kind: 'resync' });
      const entry = checkInEntry(a.venueId);
      await b.desk.push([checkInEntry(b.venueId)]);
      await a.desk.push([entry]);
      await a.desk.push([entry]);
      const first = await stream.next();
      expect(first).toMatchObject({ kind: 'changes', documents: [{ id: entry.id }] });
      expect(await stream.next(600)).toBeNull();
      stream.close();
    });

    it('sends heartbeats as comments', async () => {
      const { desk } = await fixture.venueWithDesk('heartbeat');
      const stream = await desk.openStream();
      await stream.next();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stream.comments).toContain('heartbeat');
      stream.close();
    });

    it('tells desks to pull a large import instead of streaming it', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('backlog');
      const stream = await desk.openStream();
      await stream.next();
      const customers = Array.from({ length: 1500 }, (_, at) => ({ id: `c${at}`, name: `Customer ${at}` }));
      await fixture.server.admin.importVenueData(venueId, { venue: { id: venueId, timeZone: 'Europe/London' }, products: [], customers, passes: [], sessions: [], bookings: [], ledger: [] });
      expect(await stream.next()).toEqual({ kind: 'resync' });
      expect((await desk.pullAll('customers', 1000)).documents).toHaveLength(1500);
      stream.close();
    });

    it('forgets a stream the desk closed, and resyncs one that reconnects', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('reconnect');
      const before = await openConnections(fixture.server);
      const stream = await desk.openStream();
      await stream.next();
      stream.close();
      await stream.ended;
      for (let attempt = 0; attempt < 50 && (await openConnections(fixture.server)) > before; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await openConnections(fixture.server)).toBeLessThanOrEqual(before);
      await desk.push([checkInEntry(venueId)]);
      const again = await desk.openStream();
      expect(await again.next()).toEqual({ kind: 'resync' });
      again.close();
    });
  });
});

describe.each(backends)('closing a server on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);

    it('ends its open streams', async () => {
      const { desk } = await fixture.venueWithDesk('closing');
      const stream = await desk.openStream();
      await stream.next();
      await fixture.server.close();
      await stream.ended;
      expect(stream.isEnded).toBe(true);
    });
  });
});
