// Issue 14 item 7a: a desk's cold start folded every customer's name and email into the search
// before the door opened (a second of main's CPU at the large venue, docs/performance.md). The
// door now opens first: the customers are taken unfolded and folded afterwards, between calls;
// a search asked for meanwhile folds what is left first and answers exactly as before.
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/schema/records';
import { CustomerSearch } from '../../../shared/search/customerSearch';
import type { Desk } from '../../../main/desk/openDesk';
import { closedAfterEach, openDeskNamed, venueWith } from '../desk/deskOnFakeStorage';

const names = ['José Núñez', 'Siobhán O\'Brien', 'Søren Ærø', 'Ada King', 'Ada Mary King', 'Ben Ode'];
const customers: Customer[] = Array.from({ length: 3000 }, (_, index) => ({
  id: `c${String(index).padStart(4, '0')}`,
  name: index < names.length ? names[index]! : `Customer ${index}`,
  email: `person${index}@example.org`,
}));
const venue = venueWith('v-fold', customers);
const opened = closedAfterEach();

const open = async (name: string): Promise<Desk> => (opened.desk = await openDeskNamed(name, () => Date.parse('2026-03-10T17:00:00Z')));
const found = async (query: string) => {
  const answer = await opened.desk!.call('search', { query, limit: 3 });
  return answer.ok ? answer.hits.map((hit) => hit.customer.name) : answer;
};

describe('the search of a cold start', () => {
  it('is folded after the door opens, and a search meanwhile answers as the folded index does', async () => {
    let desk = await open('fold-later');
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    const before = { jose: await found('jose nunez'), obrien: await found('obrien'), ada: await found('ada king'), email: await found('person2999@example.org') };
    await desk.close();

    desk = await open('fold-later');
    // The customers are in (they follow the door: doorOpensBeforeCustomers.test.ts), and the names are not all folded yet.
    await desk.customersIn;
    expect(desk.context.memory.search.waitingToFold).toBeGreaterThan(0);
    expect(desk.context.memory.customers.size).toBe(customers.length);
    expect({ jose: await found('jose nunez'), obrien: await found('obrien'), ada: await found('ada king'), email: await found('person2999@example.org') }).toEqual(before);
    expect(desk.context.memory.search.waitingToFold).toBe(0);
  });

  it('is folded in the background when nobody searches', async () => {
    let desk = await open('fold-background');
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    await desk.close();
    desk = await open('fold-background');
    await desk.customersIn;
    const search = desk.context.memory.search;
    expect(search.waitingToFold).toBeGreaterThan(0);
    for (let tries = 0; tries < 200 && search.waitingToFold > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(search.waitingToFold).toBe(0);
    expect(await found('soren aero')).toEqual(['Søren Ærø']);
  });
});

describe('a customer waiting to be folded', () => {
  it('is replaced by a newer record of it, never the other way round', () => {
    const search = new CustomerSearch();
    search.takeLater({ id: 'c1', name: 'Old Name' });
    search.upsertCustomer({ id: 'c1', name: 'New Name' });
    expect(search.foldSome(10)).toBe(true);
    expect(search.search('old')).toEqual([]);
    expect(search.search('new')).toEqual([{ customerId: 'c1', matchedCode: null }]);
  });

  it('is forgotten when removed', () => {
    const search = new CustomerSearch();
    search.takeLater({ id: 'c1', name: 'Ada King' });
    search.removeCustomer('c1');
    expect(search.search('ada')).toEqual([]);
    expect(search.size).toBe(0);
  });

  it('that folding could not read is refused when taken, so that no search ever throws on it', () => {
    const search = new CustomerSearch();
    expect(() => search.takeLater({ id: 'c1', name: 42 } as unknown as Customer)).toThrow();
    expect(search.search('ada')).toEqual([]);
  });
});
