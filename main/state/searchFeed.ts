// What changed for the search, in order, so that the renderer's own copy of the customer
// search (renderer/search/) can follow main's memory by asking only for what changed since
// the version it holds. It keeps customer ids, not records: the answer reads the records as
// they are now. A bulk change (a venue loaded, a first sync) overflows the journal; a renderer
// that falls that far behind is told to load the whole corpus again.
import { randomUUID } from 'node:crypto';

/** Changes kept; past this the oldest half is dropped. */
const KEEP_AT_MOST = 50_000;

export class SearchFeed {
  /** A new journal for a new memory: versions of another one mean nothing here. */
  readonly id = randomUUID();
  version = 0;
  /** `journal[i]` changed at version `firstVersion + i`. */
  private journal: string[] = [];
  private firstVersion = 1;

  constructor(private readonly keepAtMost = KEEP_AT_MOST) {}

  /** The customer's record, or one of its passes' codes, changed. */
  note(customerId: string): void {
    this.version += 1;
    this.journal.push(customerId);
    if (this.journal.length > this.keepAtMost) {
      const dropped = Math.ceil(this.journal.length / 2);
      this.journal = this.journal.slice(dropped);
      this.firstVersion += dropped;
    }
  }

  /** The customers changed after `version`, each once; null when those changes are no longer kept. */
  changedSince(version: number): string[] | null {
    if (version > this.version || version + 1 < this.firstVersion) return null;
    return [...new Set(this.journal.slice(version + 1 - this.firstVersion))];
  }
}
