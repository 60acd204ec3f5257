// `tsx test/bench/profileSearch.ts [--customers N]`: the desk's customer search alone, in a
// Node process holding nothing else (no browser, no ledger in memory), on the demo venue's
// customers, with the bench's kind of queries (names and emails typed letter by letter).
// A diagnosis beside the bench: separates the search index's own cost from the heap pressure
// of a desk holding a whole venue. Prints the summary and the slowest queries.
import { parseArgs } from 'node:util';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';
import { CustomerSearch, foldWord } from '../../shared/search/customerSearch';
import { progress, round, seededRandom, shuffled, summarize } from './percentiles';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' } }, strict: true });
const plan = planDemoVenue({ customers: Number(values.customers), seed: 1, today: '2026-11-25', timeZone: 'Europe/London' });
const search = new CustomerSearch();
let started = performance.now();
for (const customer of plan.customers) search.upsertCustomer(customer);
const indexMs = performance.now() - started;
progress(`indexed ${plan.customers.length} customers in ${Math.round(indexMs)} ms`);

const random = seededRandom(7);
const queries: { query: string; kind: string }[] = [];
for (const customer of shuffled(plan.customers, random)) {
  if (queries.length >= 400) break;
  const byEmail = customer.email !== undefined && random() < 0.3;
  const text = byEmail ? customer.email! : customer.name;
  for (let length = 1; length <= text.length; length += 1) queries.push({ query: text.slice(0, length), kind: byEmail ? 'email' : 'name' });
}
for (const { query } of queries.slice(0, 40)) search.search(query, 8);
const timed: { query: string; kind: string; ms: number; words: number }[] = [];
for (const { query, kind } of queries) {
  started = performance.now();
  search.search(query, 8);
  timed.push({ query, kind, ms: performance.now() - started, words: foldWord(query).split(/[\s@.]+/).filter(Boolean).length });
}
const result = {
  customers: plan.customers.length,
  indexMs: Math.round(indexMs),
  all: summarize(timed.map((t) => t.ms)),
  name: summarize(timed.filter((t) => t.kind === 'name').map((t) => t.ms)),
  email: summarize(timed.filter((t) => t.kind === 'email').map((t) => t.ms)),
  slowest: [...timed].sort((a, b) => b.ms - a.ms).slice(0, 12).map((t) => ({ query: t.query, ms: round(t.ms, 1) })),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
