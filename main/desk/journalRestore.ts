// At every opening, before the door's part is read: this desk's own entries that its journal
// (main/state/ledgerJournal.ts) holds and its database does not are written back, so that a
// database the browser deleted as damaged loses none of them. Cheap when nothing is missing: the
// database's count of this desk's entries is compared with the journal's first.
import type { LedgerDocument } from '../../shared/schema/collections';
import type { DeskDatabase } from '../db/deskDatabase';
import type { LedgerJournal } from '../state/ledgerJournal';

const BATCH = 2_000;

export type JournalRestored = { kept: number; restored: number; unreadable: number };

export async function restoreFromJournal(db: DeskDatabase, journal: LedgerJournal, deskId: string, log?: (line: string) => void): Promise<JournalRestored> {
  // Its lines counted, not parsed, first: a database holding as many own entries lacks none of
  // them (an entry is never removed from it but with the whole database, and the journal then).
  const lines = await journal.lines();
  if (lines === 0) return { kept: 0, restored: 0, unreadable: 0 };
  const held = await db.ledger.count({ selector: { deskId } }).exec();
  if (held >= lines) return { kept: lines, restored: 0, unreadable: 0 };
  const { entries, unreadable } = await journal.read();
  if (unreadable > 0) log?.(`desk: ${unreadable} line(s) of the ledger journal are not an entry (a crash cut the last one short, or the file was edited); skipped`);
  const own = entries.filter((entry) => entry.deskId === deskId);
  if (held >= own.length) return { kept: own.length, restored: 0, unreadable };
  let restored = 0;
  for (let start = 0; start < own.length; start += BATCH) {
    const batch = own.slice(start, start + BATCH);
    const found = await db.ledger.findByIds(batch.map((entry) => entry.id)).exec();
    const missing = batch.filter((entry) => !found.has(entry.id));
    if (missing.length === 0) continue;
    // Inserted as they were written: a CONFLICT (an id the database holds after all) is no loss.
    const result = await db.ledger.bulkInsert(missing as LedgerDocument[]);
    restored += result.success.length;
  }
  log?.(`desk: the database held ${held} of this desk's ${own.length} own ledger entries; ${restored} put back from the ledger journal`);
  return { kept: own.length, restored, unreadable };
}
