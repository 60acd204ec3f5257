// Customer search at the door (SPEC "Check-in at the door"): word prefixes of the name or email,
// folded for case, accents and punctuation; exact pass codes; results ranked, best first. The
// index is checked against a naive scan of every customer, also while customers and passes
// change under it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '../../../shared/schema/records';
import { CustomerSearch, foldWord, normalizePassCode, wordsOf } from '../../../shared/search/customerSearch';
import { propertyRuns } from '../rules/build';

let sequence = 0;
function aCustomer(overrides: Partial<Customer> = {}): Customer {
  sequence += 1;
  return { id: `c${String(sequence).padStart(4, '0')}`, name: `Customer ${sequence}`, ...overrides };
}

function searchOf(customers: readonly Customer[], codes: readonly { passId: string; customerId: string; code: string }[] = [], options = {}): CustomerSearch {
  const search = new CustomerSearch(options);
  for (const customer of customers) search.upsertCustomer(customer);
  for (const { passId, customerId, code } of codes) search.upsertPassCode(passId, customerId, code);
  return search;
}

const names = (search: CustomerSearch, byId: Map<string, Customer>, query: string, limit = 10) =>
  search.search(query, limit).map((hit) => byId.get(hit.customerId)?.name);

describe('what matches', () => {
  const customers = [
    aCustomer({ name: 'José Núñez', email: 'jose.nunez@example.com' }),
    aCustomer({ name: "Zoë O'Brien", email: 'zoe@example.org' }),
    aCustomer({ name: 'Søren Øberg' }),
    aCustomer({ name: 'Łukasz Strauß' }),
    aCustomer({ name: 'Ji-woo Park', email: 'jiwoo_park@mail.example' }),
    aCustomer({ name: 'Ada Lovelace', email: 'ada@example.com' }),
  ];
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const search = searchOf(customers);

  it.each([
    { rule: 'accents and case are ignored', query: 'jose nunez', expected: ['José Núñez'] },
    { rule: 'accents typed are folded too', query: 'JOSÉ NÚÑ', expected: ['José Núñez'] },
    { rule: 'letters without a decomposed accent fold to their base letter', query: 'soren oberg', expected: ['Søren Øberg'] },
    { rule: 'ł folds to l, ß to ss', query: 'lukasz strauss', expected: ['Łukasz Strauß'] },
    { rule: 'an apostrophe may be left out', query: 'obrien', expected: ["Zoë O'Brien"] },
    { rule: 'an apostrophe may be typed', query: "o'bri", expected: ["Zoë O'Brien"] },
    { rule: 'the parts around an apostrophe are words', query: 'brien', expected: ["Zoë O'Brien"] },
    { rule: 'a hyphenated name is one word and two', query: 'jiwoo', expected: ['Ji-woo Park'] },
    { rule: 'a hyphenated name typed with a space', query: 'ji woo', expected: ['Ji-woo Park'] },
    { rule: 'words typed in any order', query: 'nunez jose', expected: ['José Núñez'] },
    { rule: 'every word typed must match', query: 'jose park', expected: [] },
    { rule: 'the start of a word, not the middle', query: 'velace', expected: [] },
    { rule: 'an email word', query: 'lovelace ex', expected: ['Ada Lovelace'] },
    { rule: 'an email typed whole', query: 'zoe@example.org', expected: ["Zoë O'Brien"] },
    { rule: 'an email\'s underscore separates words', query: 'park mail', expected: ['Ji-woo Park'] },
    { rule: 'only punctuation matches nothing', query: " '-. ", expected: [] },
    { rule: 'nothing typed matches nothing', query: '', expected: [] },
  ])('$rule: "$query"', ({ query, expected }) => {
    expect(names(search, byId, query)).toEqual(expected);
  });
});

describe('pass codes and emails', () => {
  const ada = aCustomer({ name: 'Ada Lovelace', email: 'ada@example.com' });
  const john = aCustomer({ name: 'John Smith', email: 'john.smith@example.com' });
  const namesake = aCustomer({ name: 'John Smith', email: 'john.smith2@example.com' });
  // Sorted before the other two by id, so only the exact email can put `john` first.
  const earlier = { ...namesake, id: 'a-first' };
  const customers = [ada, john, earlier];
  const search = searchOf(customers, [{ passId: 'x1', customerId: ada.id, code: 'PASS-0002' }, { passId: 'x2', customerId: john.id, code: 'ADA' }]);

  it('finds a pass code exactly, ignoring case and spaces, and says which code matched', () => {
    expect(search.search('pass-0002')).toEqual([{ customerId: ada.id, matchedCode: 'PASS-0002' }]);
    expect(search.search('  Pass-0002 ')).toEqual([{ customerId: ada.id, matchedCode: 'PASS-0002' }]);
    expect(search.search('pass-000')).toEqual([]);
    expect(normalizePassCode(' ab-1 ')).toBe('AB-1');
  });

  it('puts the code\'s customer first, then the word matches, each customer once', () => {
    expect(search.search('ada')).toEqual([{ customerId: john.id, matchedCode: 'ADA' }, { customerId: ada.id, matchedCode: null }]);
    expect(search.search('ada', 1)).toEqual([{ customerId: john.id, matchedCode: 'ADA' }]);
  });

  it('puts the customer whose email is typed whole before namesakes', () => {
    expect(search.search('john.smith@example.com').map((hit) => hit.customerId)).toEqual([john.id, earlier.id]);
    expect(search.search('John.Smith@Example.com ', 1).map((hit) => hit.customerId)).toEqual([john.id]);
    expect(search.search('john smith').map((hit) => hit.customerId)).toEqual([earlier.id, john.id]);
  });
});

describe('ranking', () => {
  const customers = [
    aCustomer({ name: 'Anna Lee' }),
    aCustomer({ name: 'Ann Abbott', email: 'ann.leeds@example.com' }),
    aCustomer({ name: 'Ann Lee' }),
    aCustomer({ name: 'Anne Zed' }),
    aCustomer({ name: 'Ada Mary King' }),
    aCustomer({ name: 'Ada King' }),
    aCustomer({ name: 'Bob Adams' }),
  ];
  const byId = new Map(customers.map((customer) => [customer.id, customer]));

  it.each([
    { rule: 'a whole word before its longer completions', query: 'ann', expected: ['Ann Abbott', 'Ann Lee', 'Anna Lee', 'Anne Zed'] },
    { rule: 'then completions alphabetically', query: 'an', expected: ['Ann Abbott', 'Ann Lee', 'Anna Lee', 'Anne Zed'] },
    { rule: 'each word typed in turn: whole words first', query: 'ann lee', expected: ['Ann Lee', 'Ann Abbott', 'Anna Lee'] },
    { rule: 'fewer words in the name first', query: 'ada', expected: ['Ada King', 'Ada Mary King', 'Bob Adams'] },
    { rule: 'then by name', query: 'king', expected: ['Ada King', 'Ada Mary King'] },
  ])('$rule: "$query"', ({ query, expected }) => {
    for (const options of [{}, { collectAtMost: 0 }]) {
      expect(names(searchOf(customers, [], options), byId, query)).toEqual(expected);
    }
  });

  it('cuts at the limit, keeping the best', () => {
    const search = searchOf(customers);
    // "abbott" is the first word starting with "a", then "ada".
    expect(names(search, byId, 'a', 3)).toEqual(['Ann Abbott', 'Ada King', 'Ada Mary King']);
    expect(names(search, byId, 'a', 1)).toEqual(['Ann Abbott']);
    expect(search.search('a', 200)).toHaveLength(customers.length);
  });
});

describe('changes after the index is built', () => {
  it('follows a new customer, a rename, a removal and pass codes', () => {
    const ada = aCustomer({ name: 'Ada Lovelace' });
    const search = searchOf([ada]);
    expect(search.search('ada')).toHaveLength(1); // built
    const grace = aCustomer({ name: 'Grace Hopper', email: 'grace@example.com' });
    search.upsertCustomer(grace);
    expect(search.search('gra').map((hit) => hit.customerId)).toEqual([grace.id]);
    search.upsertCustomer({ ...grace, name: 'Grace Brewster Murray', email: 'gbm@example.com' });
    expect(search.search('hopper')).toEqual([]);
    expect(search.search('gbm@example.com').map((hit) => hit.customerId)).toEqual([grace.id]);
    expect(search.search('murray').map((hit) => hit.customerId)).toEqual([grace.id]);
    search.upsertCustomer({ ...grace, name: 'Grace Brewster Murray', email: 'gbm@example.com' });
    expect(search.search('gr')).toHaveLength(1);
    expect(search.size).toBe(2);
    search.upsertPassCode('x1', ada.id, 'P-1');
    expect(search.search('p-1')).toEqual([{ customerId: ada.id, matchedCode: 'P-1' }]);
    search.upsertPassCode('x1', ada.id, 'P-2');
    expect(search.search('p-1')).toEqual([]);
    search.removePassCode('x1');
    expect(search.search('p-2')).toEqual([]);
    search.removeCustomer(ada.id);
    expect(search.search('ada')).toEqual([]);
    expect(search.size).toBe(1);
  });

  it('stays right after more changes between two searches than it keeps sorted one by one', () => {
    const first = aCustomer({ name: 'Zed First' });
    const search = searchOf([first]);
    expect(search.search('zed')).toHaveLength(1);
    const many = Array.from({ length: 1500 }, (_, index) => aCustomer({ name: `Zed ${String(index).padStart(4, '0')}` }));
    for (const customer of many) search.upsertCustomer(customer);
    search.removeCustomer(first.id);
    expect(search.search('zed', 200)).toHaveLength(200);
    expect(search.search('zed 0007').map((hit) => hit.customerId)).toEqual([many[7]!.id]);
    search.upsertCustomer(aCustomer({ name: 'Zed 0007' }));
    expect(search.search('zed 0007')).toHaveLength(2);
  });
});

// --- against a naive scan -----------------------------------------------------------------

const WORDS = ['Ann', 'Anna', 'Anne', 'Zoë', "O'Brien", 'José', 'Núñez', 'Lee', 'Leeds', 'Jo', 'Joan', 'Søren', 'Strauß', 'Ji-woo', 'de', 'la', 'Eva', 'Evans', 'Ó', 'e'];
const DOMAINS = ['example.com', 'mail.example'];

const customerArb = (id: string) =>
  fc.record({
    name: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
    email: fc.option(
      fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }), fc.constantFrom('.', '_', ''), fc.constantFrom(...DOMAINS))
        .map(([words, joiner, domain]) => `${words.map((word) => foldWord(word).replace(/[^a-z]/g, '')).join(joiner)}@${domain}`),
      { nil: undefined },
    ),
  }).map(({ name, email }): Customer => (email === undefined ? { id, name } : { id, name, email }));

/** What people type: starts of the venue's words in any case, a stray letter, an email, a code. */
const queryArb = fc.oneof(
  fc.array(
    fc.tuple(fc.constantFrom(...WORDS, 'x', 'example', 'mail'), fc.nat(8), fc.boolean())
      .map(([word, cut, upper]) => (upper ? word.toUpperCase() : word.toLowerCase()).slice(0, Math.max(1, cut))),
    { minLength: 1, maxLength: 3 },
  ).chain((parts) => fc.constantFrom(' ', '  ', '.', "'", '-').map((joiner) => parts.join(joiner))),
  fc.constantFrom('ann.lee@example.com', 'annlee@mail.example', 'code-1', 'CODE-2', 'code-'),
  fc.string({ maxLength: 6 }),
);

type Op =
  | { kind: 'upsert'; customer: Customer }
  | { kind: 'remove'; id: string }
  | { kind: 'code'; passId: string; customerId: string; code: string }
  | { kind: 'search'; query: string; limit: number };

const IDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...IDS).chain(customerArb).map((customer) => ({ kind: 'upsert' as const, customer })) },
  { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id) => ({ kind: 'remove' as const, id })) },
  { weight: 1, arbitrary: fc.record({ passId: fc.constantFrom('x1', 'x2'), customerId: fc.constantFrom(...IDS), code: fc.constantFrom('CODE-1', 'code-2', '') }).map((op) => ({ kind: 'code' as const, ...op })) },
  { weight: 3, arbitrary: fc.record({ query: queryArb, limit: fc.integer({ min: 1, max: 6 }) }).map((op) => ({ kind: 'search' as const, ...op })) },
);

/** Rank steps 2–3: fewer words in the name, then the folded name, then the id. */
function orderKey(customer: Customer): string[] {
  return [String.fromCharCode(customer.name.trim().split(/\s+/).filter(Boolean).length), foldWord(customer.name), customer.id];
}

/** Every customer whose words start with every word typed, in the ranking's order, by brute force. */
function naiveWordMatches(customers: Iterable<Customer>, query: string): Customer[] {
  const wanted = wordsOf(query);
  if (wanted.length === 0) return [];
  const ranked: { customer: Customer; key: string[] }[] = [];
  for (const customer of customers) {
    const words = wordsOf(`${customer.name} ${customer.email ?? ''}`);
    const completes = wanted.map((prefix) => words.filter((word) => word.startsWith(prefix)).sort()[0]);
    if (completes.some((word) => word === undefined)) continue;
    ranked.push({ customer, key: [...(completes as string[]), ...orderKey(customer)] });
  }
  return ranked.sort((a, b) => compareKeys(a.key, b.key)).map(({ customer }) => customer);
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

// Shaped like a real venue's emails: one word nearly everyone shares ("example"), words
// before and after it in the same range ("eva", "exton"), people with no email.
const FIRSTS = ['Ann', 'Anna', 'Eva', 'Ed', 'Xavier', 'Ola'];
const LASTS = ['Exton', 'Abbott', 'Evans', 'Exley', 'Olsen', "O'Brien"];
const EMAILS = [null, 'example.com', 'example.com', 'mail.example', 'exmoor.net'];
const venue: Customer[] = [];
FIRSTS.forEach((first, f) => LASTS.forEach((last, l) => EMAILS.forEach((domain, d) => {
  const id = `v${f}${l}${d}`;
  const name = d % 2 === 0 ? `${first} ${last}` : `${first} Mary ${last}`;
  venue.push(domain === null ? { id, name } : { id, name, email: `${foldWord(first)}.${foldWord(last).replace(/'/g, '')}@${domain}` });
})));
const queries = ['ex', 'ex a', 'ex an', 'ex o', 'e a', 'e e', 'ex ex', 'example com', 'mail ex', 'a ex', 'ex ann e', 'ex x', 'o ex', 'ex m o', 'exa c', 'x', 'ed ex'];

describe('against a naive scan', () => {
  it.each([0, 1, 3, 20, 100, 4096])('finds what a scan finds, ranked the same, on an email-shaped venue (collect at most %i)', (collectAtMost) => {
    const search = searchOf(venue, [], { collectAtMost });
    for (const query of queries) {
      const all = naiveWordMatches(venue, query).map((customer) => customer.id);
      for (const limit of [1, 3, 8, 200]) expect([query, limit, search.search(query, limit).map((hit) => hit.customerId)]).toEqual([query, limit, all.slice(0, limit)]);
    }
  });

  it('finds the same customers in the same order, while customers and codes change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const model = new Map<string, Customer>();
        const codes = new Map<string, { customerId: string; code: string }>();
        const indexes = [new CustomerSearch(), new CustomerSearch({ collectAtMost: 0 })];
        for (const op of ops) {
          if (op.kind === 'upsert') {
            model.set(op.customer.id, op.customer);
            for (const index of indexes) index.upsertCustomer(op.customer);
          } else if (op.kind === 'remove') {
            model.delete(op.id);
            for (const index of indexes) index.removeCustomer(op.id);
          } else if (op.kind === 'code') {
            if (op.code) codes.set(op.passId, op);
            else codes.delete(op.passId);
            for (const index of indexes) index.upsertPassCode(op.passId, op.customerId, op.code);
          } else {
            // The set: every customer the words match, cut at the limit (naive `startsWith`).
            const all = naiveWordMatches(model.values(), op.query);
            // The order: an exact code, exact emails, then the ranking.
            const expected: string[] = [];
            const add = (id: string) => {
              if (!expected.includes(id)) expected.push(id);
            };
            const byPass = [...codes.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
            for (const [, { customerId, code }] of byPass) if (normalizePassCode(code) === normalizePassCode(op.query)) add(customerId);
            const asEmail = foldWord(op.query.trim());
            const owners = [...model.values()].filter((customer) => customer.email !== undefined && foldWord(customer.email) === asEmail);
            for (const customer of owners.sort((a, b) => compareKeys(orderKey(a), orderKey(b)))) add(customer.id);
            for (const customer of all) add(customer.id);
            for (const index of indexes) {
              expect(index.search(op.query, op.limit).map((hit) => hit.customerId)).toEqual(expected.slice(0, op.limit));
              expect(new Set(index.search(op.query, 50).map((hit) => hit.customerId))).toEqual(new Set(expected));
            }
          }
        }
        expect(indexes.every((index) => index.size === model.size)).toBe(true);
      }),
      propertyRuns,
    );
  });
});

describe('an index prepared in one realm and taken in by another', () => {
  /** `prepare` on one side, the parts taken in on the other through a structured clone, `size` entries a part. */
  function takenIn(search: CustomerSearch, size: number): CustomerSearch {
    const { entries, words, codes } = structuredClone(search.prepare());
    const taking = new CustomerSearch();
    for (let start = 0; start < entries.length; start += size) taking.takePreparedEntries(entries.slice(start, start + size));
    for (let start = 0; start < codes.length; start += size) taking.takePreparedCodes(codes.slice(start, start + size));
    taking.finishPrepared(words);
    return taking;
  }

  it('answers every search as the index it was prepared from, and follows changes after', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.array(opArb, { maxLength: 20 }), fc.integer({ min: 1, max: 7 }), (before, after, size) => {
        const original = new CustomerSearch();
        const apply = (index: CustomerSearch, op: Op) => {
          if (op.kind === 'upsert') index.upsertCustomer(op.customer);
          else if (op.kind === 'remove') index.removeCustomer(op.id);
          else if (op.kind === 'code') index.upsertPassCode(op.passId, op.customerId, op.code);
        };
        for (const op of before) apply(original, op);
        const taken = takenIn(original, size);
        expect(taken.size).toBe(original.size);
        for (const op of [...before, ...after]) {
          if (op.kind === 'search') {
            expect(taken.search(op.query, op.limit)).toEqual(original.search(op.query, op.limit));
          }
        }
        // Kept up to date one change at a time, as the page does after a load.
        for (const op of after) {
          apply(original, op);
          apply(taken, op);
          for (const query of queries) expect(taken.search(query, 8)).toEqual(original.search(query, 8));
        }
      }),
      { ...propertyRuns, numRuns: Math.min(propertyRuns.numRuns, 150) },
    );
  });

  it('ranks an email-shaped venue the same after the trip', () => {
    const original = searchOf(venue, [{ passId: 'x1', customerId: 'v000', code: 'PASS-1' }]);
    const taken = takenIn(original, 13);
    for (const query of [...queries, 'pass-1']) for (const limit of [1, 8, 200]) expect(taken.search(query, limit)).toEqual(original.search(query, limit));
  });

  it('sorts the words again when the words sent do not match the entries taken', () => {
    const original = searchOf(venue);
    const { entries } = original.prepare();
    const taking = new CustomerSearch();
    taking.takePreparedEntries(entries);
    taking.finishPrepared(['ann', 'zzz-not-a-word']);
    expect(taking.search('ex a', 8)).toEqual(original.search('ex a', 8));
  });
});
