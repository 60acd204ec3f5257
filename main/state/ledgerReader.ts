// The one reader of the desk's ledger beyond what memory holds (main/state/venueMemory.ts keeps
// the summaries and the recent entries). The ledger is the entries written one each (this
// desk's, and those merged by sync) and the history bundles of a bulk load; an entry may be in
// both (it is one entry: the same id), and in memory too. Every question about the ledger (an
// entry by id, a pass's entries, which of a batch the desk holds) is answered here, from memory
// first, and the history bundles read are kept parsed here, for every caller.
import type { MangoQuery } from 'rxdb';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import type { DeskDatabase } from '../db/deskDatabase';
import { HistoryReader, queryStorage, stripStorageFields } from '../db/bundles';
import type { VenueMemory } from './venueMemory';

/** History bundles (about 256 KB of text each) kept parsed: a sync session's pages, a pass page. */
export const HISTORY_BUNDLES_KEPT = 16;

export class LedgerReader {
  private history: { of: number; reader: HistoryReader } | null = null;

  constructor(
    private readonly db: DeskDatabase,
    private readonly memory: VenueMemory,
    private readonly keep = HISTORY_BUNDLES_KEPT,
  ) {}

  /**
   * The history bundles' reader. A new bulk load (a venue file, a snapshot's history) writes
   * new bundles and changes how many entries they hold: what was kept parsed is dropped then.
   */
  private historyReader(): HistoryReader {
    if (this.history?.of !== this.memory.bundledHistory) {
      this.history = { of: this.memory.bundledHistory, reader: new HistoryReader(this.db, this.keep) };
    }
    return this.history.reader;
  }

  /** A pass's entries in the history bundles of a bulk load only (a past session's attendance). */
  historyOf(passId: string): Promise<LedgerEntry[]> {
    return this.historyReader().entriesOf(passId);
  }

  /** Every entry of a pass, each once. */
  async entriesOfPass(passId: string): Promise<LedgerEntry[]> {
    const entries = new Map<string, LedgerEntry>();
    for (const entry of await this.historyOf(passId)) entries.set(entry.id, entry);
    const written = await queryStorage(this.db.ledger, { selector: { passId: { $eq: passId } } } as MangoQuery<LedgerDocument>);
    for (const doc of written) entries.set(doc.id, stripStorageFields(doc) as unknown as LedgerEntry);
    for (const entry of this.memory.entriesOf(passId)) entries.set(entry.id, entry);
    return [...entries.values()];
  }

  /**
   * One entry by id: from memory, else from the entries written one each, else (a charged
   * check-in the summaries know) from its pass's history bundle. An old attendance-only check-in
   * of a bulk load is not found: no summary names it, and nothing asks for it but the API.
   */
  async entryById(id: string): Promise<LedgerEntry | null> {
    const held = this.memory.ledger.get(id);
    if (held) return held;
    const [written] = await this.db.ledger.storageInstance.findDocumentsById([id], false);
    if (written) return stripStorageFields(written) as unknown as LedgerEntry;
    const passId = this.memory.passOfChargedCheckIn(id);
    if (passId === null) return null;
    return (await this.historyOf(passId)).find((entry) => entry.id === id) ?? null;
  }

  /**
   * What this desk holds under the ids of a batch of entries (pulled ones: the guard of local
   * history, main/sync/ledgerHistoryGuard.ts). Memory holds the recent entries and every entry
   * written one each; an entry of a bulk load's history is looked for in its pass's history
   * bundle only where that pass's summary may hold it (`PassSummary.mayHold`), so a new entry
   * costs no read. An entry claiming another pass than the one it is held under is not found:
   * such an endpoint could as well send new entries, and no id check stops that.
   */
  async heldOf(documents: readonly { id: string }[]): Promise<Map<string, object>> {
    const held = new Map<string, object>();
    const byPass = new Map<string, Set<string>>();
    for (const document of documents) {
      const inMemory = this.memory.ledger.get(document.id);
      if (inMemory) {
        held.set(document.id, inMemory);
        continue;
      }
      const entry = document as unknown as LedgerEntry;
      if (entry.passId && this.memory.summaryOf(entry.passId)?.mayHold(entry)) {
        byPass.set(entry.passId, (byPass.get(entry.passId) ?? new Set()).add(document.id));
      }
    }
    // A pulled page's entries are of many passes; those of one bundle cost one read.
    for (const [passId, ids] of byPass) {
      for (const entry of await this.historyOf(passId)) {
        if (ids.has(entry.id)) held.set(entry.id, entry);
      }
    }
    return held;
  }
}
