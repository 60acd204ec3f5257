// Pull by checkpoint (RxDB's replication protocol): resuming from any checkpoint gives every
// document exactly once, in seq order, even while many desks push at the same time; a venue's
// pulls never show another venue's documents.
import { describe, expect, it } from 'vitest';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { checkInEntry } from './syncTestClient';

describe.each(backends)('pull on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend);

    it('gives every document exactly once when resumed from each checkpoint, and again when a checkpoint is reused', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('resume');
      const entries = Array.from({ length: 25 }, () => checkInEntry(venueId));
      for (let at = 0; at < entries.length; at += 5) await desk.push(entries.slice(at, at + 5));

      const seen: string[] = [];
      const checkpoints: { seq: number; id: string }[] = [];
      let checkpoint: { seq: number; id: string } | null = null;
      for (;;) {
        const { body } = await desk.pull('ledger', checkpoint ? { seq: checkpoint.seq, id: checkpoint.id, limit: 7 } : { limit: 7 });
        seen.push(...body.documents.map((document) => String(document.id)));
        if (body.documents.length < 7) break;
        checkpoint = body.checkpoint;
        checkpoints.push(checkpoint!);
      }
      expect(seen).toEqual(entries.map((entry) => entry.id));

      // A desk whose answer got lost pulls from its older checkpoint again: the same documents.
      const again = await desk.pull('ledger', { seq: checkpoints[0]!.seq, id: checkpoints[0]!.id, limit: 7 });
      expect(again.body.documents.map((document) => document.id)).toEqual(seen.slice(7, 14));
    });

    it('keeps the checkpoint where it was when nothing is new', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('empty');
      expect((await desk.pull('ledger')).body).toEqual({ documents: [], checkpoint: null });
      await desk.push([checkInEntry(venueId)]);
      const { body } = await desk.pull('ledger');
      expect((await desk.pull('ledger', { seq: body.checkpoint!.seq, id: body.checkpoint!.id })).body).toEqual({ documents: [], checkpoint: body.checkpoint });
    });

    it.each([
      ['a limit of 0', { limit: 0 }],
      ['a limit over 10,000', { limit: 10_001 }],
      ['a negative seq', { seq: -1 }],
      ['a seq that is not a number', { seq: 'latest' }],
      ['an unknown parameter', { since: 3 }],
    ])('refuses %s', async (_label, query) => {
      const { desk } = await fixture.venueWithDesk('query');
      const answer = await desk.pull('ledger', query);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid-query');
    });

    it('answers an unknown collection with 404', async () => {
      const { desk } = await fixture.venueWithDesk('unknown');
      const answer = await desk.pull('invoices');
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('unknown-collection');
    });

    it('never lets a puller skip a row while many desks push at once', async () => {
      const { venueId } = await fixture.venueWithDesk('concurrent');
      const desks = await Promise.all(Array.from({ length: 8 }, (_, at) => fixture.desk(venueId, `desk ${at}`)));
      const puller = desks[0]!.desk;
      const pushed: string[] = [];
      let pushing = true;
      const collected: string[] = [];
      let seq = 0;
      const pull = async () => {
        const { body } = await puller.pull('ledger', { seq, limit: 7 });
        collected.push(...body.documents.map((document) => String(document.id)));
        if (body.checkpoint) seq = body.checkpoint.seq;
        return body.documents.length;
      };
      // The puller keeps moving its checkpoint forward while pushes commit around it; a row
      // committed later with a smaller seq than one it has seen would be lost for good.
      const pulling = (async () => {
        while (pushing) await pull();
      })();
      await Promise.all(desks.map(async ({ desk }, deskNumber) => {
        for (let batch = 0; batch < 12; batch += 1) {
          const entries = Array.from({ length: 4 }, () => checkInEntry(venueId, { deskId: `desk-${deskNumber}` }));
          pushed.push(...entries.map((entry) => String(entry.id)));
          const answer = await desk.push(entries);
          expect(answer.status).toBe(200);
        }
      }));
      pushing = false;
      await pulling;
      while ((await pull()) > 0);
      expect(collected.length).toBe(pushed.length);
      expect(new Set(collected)).toEqual(new Set(pushed));
    });

    it("never shows a venue another venue's documents", async () => {
      const a = await fixture.venueWithDesk('isolated-a');
      const b = await fixture.venueWithDesk('isolated-b');
      await a.desk.push([checkInEntry(a.venueId)]);
      await b.desk.push([checkInEntry(b.venueId), checkInEntry(b.venueId)]);
      const seenByA = (await a.desk.pullAll('ledger')).documents;
      expect(seenByA.map((document) => document.venueId)).toEqual([a.venueId]);
      expect((await a.desk.get('/sync/hello')).body).toMatchObject({ venue: { id: a.venueId }, counts: { ledger: 1 } });
      expect((await b.desk.get('/sync/hello')).body).toMatchObject({ venue: { id: b.venueId }, counts: { ledger: 2 } });
    });
  });
});
