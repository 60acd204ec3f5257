// The ledger beyond what memory holds (main/state/venueMemory.ts keeps summaries and recent
// entries): a pass's whole history, and one entry by id, read from the database. The ledger is
// the entries written one each (this desk's, and those merged by sync) and the history bundles
// of a bulk load; an entry may be in both (it is one entry: the same id).
import type { MangoQuery } from 'rxdb';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import type { VenueMemory } from './venueMemory';
import type { DeskDatabase } from '../db/deskDatabase';
import { HistoryReader, bundledHistoryOf, queryStorage, stripStorageFields } from '../db/bundles';

/** Every entry of a pass, each once. */
export async function ledgerOfPass(db: DeskDatabase, memory: VenueMemory, passId: string): Promise<LedgerEntry[]> {
  const entries = new Map<string, LedgerEntry>();
  for (const entry of await bundledHistoryOf(db, passId)) entries.set(entry.id, entry);
  const written = await queryStorage(db.ledger, { selector: { passId: { $eq: passId } } } as MangoQuery<LedgerDocument>);
  for (const doc of written) entries.set(doc.id, stripStorageFields(doc) as unknown as LedgerEntry);
  for (const entry of memory.entriesOf(passId)) entries.set(entry.id, entry);
  return [...entries.values()];
}

/**
 * One entry by id: from memory, else from the entries written one each, else (a charged
 * check-in the summaries know) from its pass's history bundle. An old attendance-only check-in
 * of a bulk load is not found: no summary names it, and nothing asks for it but the API.
 */
export async function ledgerEntryById(db: DeskDatabase, memory: VenueMemory, id: string): Promise<LedgerEntry | null> {
  const held = memory.ledger.get(id);
  if (held) return held;
  const [written] = await db.ledger.storageInstance.findDocumentsById([id], false);
  if (written) return stripStorageFields(written) as unknown as LedgerEntry;
  const passId = memory.passOfChargedCheckIn(id);
  if (passId === null) return null;
  return (await bundledHistoryOf(db, passId)).find((entry) => entry.id === id) ?? null;
}

/**
 * What this desk holds under the ids of pulled ledger entries (the guard of local history,
 * main/sync/ledgerHistoryGuard.ts). Memory holds the recent entries and every entry written one
 * each; an entry of a bulk load's history is looked for in its pass's history bundle only where
 * that pass's summary says the entry's effect is in it already (its check-in counted or undone,
 * its override the winning one, its revocation or undo made), so a new entry costs no read. An
 * entry claiming another pass than the one it is held under is not found: such an endpoint
 * could as well send new entries, and no id check stops that.
 */
export async function heldLedgerEntries(db: DeskDatabase, memory: VenueMemory, documents: readonly { id: string }[], history = new HistoryReader(db)): Promise<Map<string, object>> {
  const held = new Map<string, object>();
  const byPass = new Map<string, Set<string>>();
  for (const document of documents) {
    const inMemory = memory.ledger.get(document.id);
    if (inMemory) held.set(document.id, inMemory);
    else if (memory.mayHoldInHistory(document as unknown as LedgerEntry)) {
      const passId = (document as unknown as LedgerEntry).passId;
      byPass.set(passId, (byPass.get(passId) ?? new Set()).add(document.id));
    }
  }
  // A pulled page's entries are of many passes; those of one bundle cost one read.
  for (const [passId, ids] of byPass) {
    for (const entry of await history.entriesOf(passId)) {
      if (ids.has(entry.id)) held.set(entry.id, entry);
    }
  }
  return held;
}
