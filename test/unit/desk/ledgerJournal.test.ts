// The ledger journal (main/state/ledgerJournal.ts): Chromium deletes an IndexedDB it finds damaged
// at start ("IndexedDB recovering from a corrupted (and deleted) database", seen in the crash test
// after a SIGKILL of the storage host), and a desk's own entries not yet sent anywhere were gone
// with it. They are kept a second time in main's data folder and written back at the next opening.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { LEDGER_JOURNAL_FILE, ledgerJournalFile } from '../../../main/state/ledgerJournal';
import type { LedgerJournal } from '../../../main/state/ledgerJournal';
import { closedAfterEach, fakeStorage, openDeskNamed, venueWith } from './deskOnFakeStorage';

const venue = venueWith('v-journal', [{ id: 'c1', name: 'Ada Lovelace' }, { id: 'c2', name: 'Grace Hopper' }], [
  { id: 'x1', customerId: 'c1', productId: 'p', productName: '10 classes', purchasedAt: '2026-11-01T10:00:00Z', code: 'PASS-0001', terms: { uses: 10, expiry: { kind: 'fixed', date: '2026-12-31' }, validFor: 'all' } },
  { id: 'x2', customerId: 'c2', productId: 'p', productName: '10 classes', purchasedAt: '2026-11-01T10:00:00Z', code: 'PASS-0002', terms: { uses: 10, expiry: { kind: 'fixed', date: '2026-12-31' }, validFor: 'all' } },
]);
const now = () => Date.parse('2026-12-08T19:00:00Z');

/** What Chromium does to a database it finds damaged: every collection gone, the desk opens empty. */
async function deleteDatabase(name: string): Promise<void> {
  const db = await openDeskDatabase(fakeStorage, name);
  await db.remove();
}

describe('the ledger journal', () => {
  const opened = closedAfterEach();
  let folder: string;
  let journal: LedgerJournal;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'desk-journal-'));
    journal = ledgerJournalFile(folder);
  });
  afterEach(async () => {
    await journal.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('puts back every own entry of a database the browser deleted as damaged, and the passes count them again', async () => {
    const log: string[] = [];
    opened.desk = await openDeskNamed('journal-deleted', now, { journal, log: (line) => log.push(line) });
    expect((await opened.desk.loadVenue(venue)).ok).toBe(true);
    const first = await opened.desk.call('checkIn', { customerId: 'c1', sessionId: null });
    const second = await opened.desk.call('checkIn', { customerId: 'c2', sessionId: null });
    const changed = await opened.desk.call('overrideUses', { passId: 'x1', total: 12, reason: 'gift' });
    expect([first, second, changed]).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
    await opened.desk.close();
    opened.desk = null;

    await deleteDatabase('journal-deleted');
    opened.desk = await openDeskNamed('journal-deleted', now, { journal, log: (line) => log.push(line) });
    expect((await opened.desk.loadVenue(venue)).ok).toBe(true);
    await opened.desk.customersIn;
    expect(opened.desk.status('connected').counts.ledger).toBe(3);
    expect(opened.desk.context.memory.entriesOf('x1').map((entry) => entry.kind).sort()).toEqual(['check-in', 'uses-override']);
    expect(opened.desk.context.memory.entriesOf('x2').map((entry) => entry.kind)).toEqual(['check-in']);
    expect(log).toContain("desk: the database held 0 of this desk's 3 own ledger entries; 3 put back from the ledger journal");
  });

  it('writes nothing back when the database holds every entry, and skips a line a crash cut short', async () => {
    const log: string[] = [];
    opened.desk = await openDeskNamed('journal-whole', now, { journal, log: (line) => log.push(line) });
    expect((await opened.desk.loadVenue(venue)).ok).toBe(true);
    expect(await opened.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
    await opened.desk.close();
    opened.desk = null;
    await appendFile(path.join(folder, LEDGER_JOURNAL_FILE), '{"id":"torn-by-a-cra');

    opened.desk = await openDeskNamed('journal-whole', now, { journal, log: (line) => log.push(line) });
    await opened.desk.customersIn;
    expect(opened.desk.status('connected').counts.ledger).toBe(1);
    expect(log.some((line) => line.includes('put back from the ledger journal'))).toBe(false);
    expect(log.some((line) => line.startsWith('desk: 1 line(s) of the ledger journal are not an entry'))).toBe(true);
  });

  it('is emptied with the database when the demo is discarded: its practice never comes back', async () => {
    opened.desk = await openDeskNamed('journal-discarded', now, { journal });
    expect((await opened.desk.loadVenue(venue)).ok).toBe(true);
    expect(await opened.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
    expect((await journal.read()).entries).toHaveLength(1);
    await opened.desk.discard();
    opened.desk = null;
    expect((await journal.read()).entries).toEqual([]);
    await expect(readFile(path.join(folder, LEDGER_JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
