// The renderer's copy of the customer search: the shared index (shared/search/) over the
// corpus main hands out (main/queries/searchCorpus.ts). A changed customer comes with all its
// pass codes as they are now, so a code taken off a pass, or a pass moved to another
// customer, is dropped here without a separate removal.
//
// A whole load is folded and sorted in the search worker (`apply`, then `prepared`), and the
// page takes the result in part by part (`take`), which costs it no folding and no sorting.
import type { CorpusCustomer, SearchHit } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import type { PreparedCode, PreparedEntry } from '../../shared/search/customerSearch';
import { CustomerSearch } from '../../shared/search/customerSearch';
import { searchHits } from '../../shared/search/searchHits';

/** A part of a prepared index, in the order `prepared` gives them; `end` comes last. */
export type PreparedPart =
  | { kind: 'entries'; customers: Customer[]; entries: PreparedEntry[] }
  | { kind: 'codes'; codes: PreparedCode[] }
  | { kind: 'end'; words: string[] };

export class CorpusIndex {
  private readonly search = new CustomerSearch();
  private readonly customers = new Map<string, Customer>();
  /** customer id → the passes whose codes this index was last told they hold */
  private readonly passesOf = new Map<string, string[]>();
  private finished = true;

  get size(): number {
    return this.customers.size;
  }

  /**
   * `sortNow`: keep the index sorted (in the page, a few changes at a time, so that a keystroke
   * never sorts it). The worker leaves it unsorted: `prepared` sorts once at the end.
   */
  apply(changed: readonly CorpusCustomer[], { sortNow }: { sortNow: boolean }): void {
    for (const { customer, codes } of changed) {
      this.customers.set(customer.id, customer);
      this.search.upsertCustomer(customer);
      const now = codes.map((code) => code.passId);
      for (const passId of this.passesOf.get(customer.id) ?? []) {
        // A pass that moved to another customer was taken over there already: not ours to drop.
        if (!now.includes(passId) && this.search.ownerOfPassCode(passId) === customer.id) this.search.removePassCode(passId);
      }
      for (const { passId, code } of codes) this.search.upsertPassCode(passId, customer.id, code);
      if (now.length > 0) this.passesOf.set(customer.id, now);
      else this.passesOf.delete(customer.id);
    }
    if (sortNow) this.search.buildNow();
  }

  find(query: string, limit: number): SearchHit[] {
    return searchHits(this.search, this.customers, query, limit);
  }

  /** The whole index, folded and sorted, in parts of about `partSize` records. */
  *prepared(partSize: number): Generator<PreparedPart> {
    const { entries, words, codes } = this.search.prepare();
    for (let start = 0; start < entries.length; start += partSize) {
      const slice = entries.slice(start, start + partSize);
      yield { kind: 'entries', entries: slice, customers: slice.map((entry) => this.customers.get(entry.id)!) };
    }
    for (let start = 0; start < codes.length; start += partSize) yield { kind: 'codes', codes: codes.slice(start, start + partSize) };
    yield { kind: 'end', words };
  }

  /** An empty index that takes a prepared one in, part by part; ready to search after `end`. */
  static taking(): CorpusIndex {
    const index = new CorpusIndex();
    index.finished = false;
    return index;
  }

  get ready(): boolean {
    return this.finished;
  }

  take(part: PreparedPart): void {
    switch (part.kind) {
      case 'entries':
        for (const customer of part.customers) this.customers.set(customer.id, customer);
        this.search.takePreparedEntries(part.entries);
        return;
      case 'codes':
        for (const { passId, customerId } of part.codes) {
          const passes = this.passesOf.get(customerId);
          if (passes) passes.push(passId);
          else this.passesOf.set(customerId, [passId]);
        }
        this.search.takePreparedCodes(part.codes);
        return;
      case 'end':
        this.search.finishPrepared(part.words);
        this.finished = true;
        return;
    }
  }
}
