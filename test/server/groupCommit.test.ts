// Group commit (issue 7): pushes that arrive together are written by one statement, of any
// desks and venues, and each push still keeps its own guarantees: its own answer, its own
// device check, all or nothing, and the stored entry for a repeated id.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/sync/groupCommit';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { checkInEntry as anyEntry } from './syncTestClient';

/** The test client's entry builder, with the id typed as the statement needs it. */
const checkInEntry = (venueId: string, overrides: Record<string, unknown> = {}) => anyEntry(venueId, overrides) as Record<string, unknown> & { id: string };

describe.each(backends)('group commit on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000 });
    const groupCommit = () => new GroupCommit(fixture.server.db, { inFlight: 1, maxRows: 2_000 });

    it('writes pushes of several venues queued together, each answered on its own', async () => {
      const a = await fixture.venueWithDesk('group-a');
      const b = await fixture.venueWithDesk('group-b');
      const revoked = await fixture.desk(a.venueId, 'revoked desk');
      await fixture.server.admin.revokeDevice(revoked.deviceId);
      const stored = checkInEntry(a.venueId);
      expect((await a.desk.push([stored])).status).toBe(200);

      const pushes = groupCommit();
      const changed = { ...stored, staff: 'Someone else' };
      const [first, second, refused, third] = await Promise.all([
        pushes.write({ venueId: a.venueId, deviceId: a.deviceId, entries: [checkInEntry(a.venueId), changed] }),
        pushes.write({ venueId: b.venueId, deviceId: b.deviceId, entries: [checkInEntry(b.venueId), checkInEntry(b.venueId)] }),
        pushes.write({ venueId: a.venueId, deviceId: revoked.deviceId, entries: [checkInEntry(a.venueId)] }),
        pushes.write({ venueId: a.venueId, deviceId: a.deviceId, entries: [] }),
      ]);
      expect(first!.deviceActive).toBe(true);
      expect(first!.inserted.size).toBe(1);
      expect(JSON.parse(first!.stored.get(stored.id)!)).toEqual(stored);
      expect(second!.inserted.size).toBe(2);
      expect(refused).toEqual({ deviceActive: false, stored: new Map(), inserted: new Set() });
      expect(third).toEqual({ deviceActive: true, stored: new Map(), inserted: new Set() });

      // Seqs of each venue keep increasing, and the counts are exact.
      const a2 = (await a.desk.pullAll('ledger')).documents;
      expect(a2.map((document) => document.id)).toEqual([stored.id, [...first!.inserted][0]]);
      expect((await a.desk.get('/sync/hello')).body).toMatchObject({ counts: { ledger: 2 } });
      expect((await b.desk.get('/sync/hello')).body).toMatchObject({ counts: { ledger: 2 } });
    });

    it('gives one id pushed by two desks at once to the first, and the stored one to the second', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('group-same-id');
      const other = await fixture.desk(venueId, 'desk 2');
      const entry = checkInEntry(venueId);
      const rival = { ...entry, staff: 'Rival' };
      const [mine, theirs, again] = await Promise.all([desk.push([entry]), other.desk.push([rival]), desk.push([entry])]);
      const answers = [mine, theirs, again].map((answer) => answer.body.conflicts);
      const pulled = (await desk.pullAll('ledger')).documents;
      expect(pulled).toHaveLength(1);
      const kept = pulled[0]!;
      // Whichever was kept, every push that differs from it is answered with it.
      for (const [at, sent] of [entry, rival, entry].entries()) {
        expect(answers[at]).toEqual(sent.staff === kept.staff ? [] : [kept]);
      }
    });

    it('writes the others of a group whose statement fails, and fails only the push at fault', async () => {
      const { venueId, deviceId } = await fixture.venueWithDesk('group-failure');
      const pushes = groupCommit();
      // An unpaired surrogate is refused by PostgreSQL's jsonb (the route refuses it first).
      const unstorable = checkInEntry(venueId, { staff: '\ud800' });
      const results = await Promise.allSettled([
        pushes.write({ venueId, deviceId, entries: [checkInEntry(venueId)] }),
        pushes.write({ venueId, deviceId, entries: [unstorable] }),
        pushes.write({ venueId, deviceId, entries: [checkInEntry(venueId)] }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const ids = (await fixture.server.db.query<{ id: string }>("SELECT id FROM documents WHERE venue_id = $1 AND collection = 'ledger'", [venueId])).map((row) => row.id);
      expect(ids).toHaveLength(2);
      expect(ids).not.toContain(unstorable.id);
    });

    it('refuses at once a remembered token revoked after its last push', async () => {
      const { venueId, desk, deviceId } = await fixture.venueWithDesk('group-revoke');
      expect((await desk.push([checkInEntry(venueId)])).status).toBe(200);
      await fixture.server.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [deviceId]);
      expect(await desk.push([checkInEntry(venueId)])).toMatchObject({ status: 401, body: { error: 'token-revoked' } });
      // A refusal of another kind is still told as the revocation first.
      expect(await desk.push([checkInEntry('another-venue')])).toMatchObject({ status: 401, body: { error: 'token-revoked' } });
      expect(await desk.push([])).toMatchObject({ status: 401, body: { error: 'token-revoked' } });
    });
  });
});
