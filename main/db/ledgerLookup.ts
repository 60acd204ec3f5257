// The ledger beyond what memory holds (main/state/venueMemory.ts keeps summaries and recent
// entries): a pass's whole history, and one entry by id, read from the database. The ledger is
// the entries written one each (this desk's, and those merged by sync) and the history bundles
// of a bulk load; an entry may be in both (it is one entry: the same id).
import type { MangoQuery } from 'rxdb';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import type { VenueMemory } from '../state/venueMemory';
import type { DeskDatabase } from './deskDatabase';
import { bundledHistoryOf, queryStorage, stripStorageFields } from './bundles';

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
