// The customer search's corpus, for the renderer's own copy of the search (renderer/search/):
// with the index beside the box, the list is painted in the frame that shows the letter typed,
// instead of a round trip to main later. Main stays the one owner of the data: the copy is
// read from here, whole in pages at first, then by what changed after the version it holds.
import type { CorpusCustomer, DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import type { DeskContext } from '../state/deskContext';
import type { VenueMemory } from '../state/venueMemory';

/**
 * Customers a page of the whole load: about 260 KB of JSON, a few milliseconds of main's time
 * and of the page's (which parses it and hands it to its worker).
 */
export const CORPUS_PAGE = 1_000;

export function searchCorpus(desk: DeskContext, input: DeskApiPayloads['searchCorpus']): DeskApiResults['searchCorpus'] {
  const { memory } = desk;
  // A first sync's records are still coming in: what memory holds is partial.
  if (memory.arriving) return refuse('venue-arriving');
  const feed = memory.searchFeed;
  const { after, offset = 0 } = input;
  const reload = { ok: true as const, feed: feed.id, version: feed.version, customers: [], next: null, reload: true };
  if (input.feed !== null && input.feed !== feed.id) return reload;
  if (after !== null) {
    if (input.feed === null) return reload;
    const changed = feed.changedSince(after);
    if (changed === null) return reload;
    return { ok: true, feed: feed.id, version: feed.version, customers: changed.flatMap((id) => corpusCustomer(memory, memory.customers.get(id))), next: null, reload: false };
  }
  // Customers keep their place in the map when they change and new ones come last, so the
  // pages of a load meet every customer; what changes meanwhile is asked for after the load.
  const customers: CorpusCustomer[] = [];
  let index = 0;
  for (const customer of memory.customers.values()) {
    if (index >= offset + CORPUS_PAGE) break;
    if (index >= offset) customers.push(...corpusCustomer(memory, customer));
    index += 1;
  }
  const next = offset + CORPUS_PAGE < memory.customers.size ? offset + CORPUS_PAGE : null;
  return { ok: true, feed: feed.id, version: feed.version, customers, next, reload: false };
}

function corpusCustomer(memory: VenueMemory, customer: Customer | undefined): CorpusCustomer[] {
  if (!customer) return [];
  const codes = memory.passesOf(customer.id).flatMap((pass) => pass.code ? [{ passId: pass.id, code: pass.code }] : []);
  return [{ customer, codes }];
}
