// A search's matches as the screens show them: the customer's record, and the pass code that
// matched (a scan). Used by main's search and by the renderer's own copy of it.
import type { SearchHit } from '../schema/api';
import type { Customer } from '../schema/records';
import type { CustomerSearch } from './customerSearch';

export function searchHits(search: CustomerSearch, customers: ReadonlyMap<string, Customer>, query: string, limit = 10): SearchHit[] {
  return search.search(query, limit).flatMap((hit) => {
    const customer = customers.get(hit.customerId);
    return customer ? [{ customer, matchedCode: hit.matchedCode }] : [];
  });
}
