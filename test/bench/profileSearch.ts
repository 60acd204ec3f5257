// `tsx test/bench/profileSearch.ts [--customers N] [--keystrokes N]`: the desk's customer
// search alone, in a Node process holding nothing else (no browser, no ledger in memory), on
// the demo venue's customers and pass codes. A diagnosis beside `npm run bench` (which needs a
// venue loaded into Chromium first): it prints
//  - what the index costs: customers added one by one as the desk loads them, the one sort
//    after the load (`buildNow`), and the heap they hold (for that, run it as
//    `node --expose-gc --import tsx test/bench/profileSearch.ts`);
//  - the bench's search figures (`benchSearch`: the desk's `search` handler, uFuzzy and a naive
//    scan, on the same customers and keystrokes in the same run);
//  - the slowest queries.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';
import type { Pass } from '../../shared/schema/records';
import { foldWord } from '../../shared/search/customerSearch';
import { VenueMemory } from '../../main/state/venueMemory';
import { DeskContext } from '../../main/state/deskContext';
import { search } from '../../main/queries/customerQueries';
import { benchSearch } from './searchBench';
import { megabytes, progress, round, seededRandom, shuffled, summarize } from './percentiles';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' }, keystrokes: { type: 'string', default: '2000' } }, strict: true });
const plan = planDemoVenue({ customers: Number(values.customers), seed: 1, today: '2026-11-25', timeZone: 'Europe/London' });
const products = new Map(plan.products.map((product) => [product.id, product]));

const collect = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  collect?.();
  return collect ? megabytes(process.memoryUsage().heapUsed) : null;
};
const memory = new VenueMemory('profile-search');
const heapBefore = heapMB();
let started = performance.now();
for (const customer of plan.customers) memory.upsertCustomer(customer);
const addMs = performance.now() - started;
started = performance.now();
memory.search.buildNow();
const buildMs = performance.now() - started;
const heapAfter = heapMB();
progress(`indexed ${plan.customers.length} customers: added in ${Math.round(addMs)} ms, sorted in ${Math.round(buildMs)} ms`);
for (const input of plan.passes) {
  const product = products.get(input.productId)!;
  const pass: Pass = { ...input, productName: product.name, code: input.code ?? '', terms: input.terms ?? { uses: product.uses, expiry: product.expiry, validFor: product.validFor } };
  memory.upsertPass(pass);
}

// The desk's own `search` handler on this memory (it reads nothing else of the context).
const context = new DeskContext(null as never, memory, { deskId: 'profile-search', staff: 'bench' }, () => 0);
const desk = { context, call: async (_name: 'search', payload: { query: string; limit: number }) => search(context, payload) };
const bench = await benchSearch(desk, { random: seededRandom(20240601), keystrokes: Number(values.keystrokes), passCodes: 100, warmUp: 200 });

// The slowest queries of the index alone (no handler around it).
const random = seededRandom(7);
const queries: { query: string; kind: string }[] = [];
for (const customer of shuffled(plan.customers, random)) {
  if (queries.length >= 400) break;
  const byEmail = customer.email !== undefined && random() < 0.3;
  const text = byEmail ? customer.email! : customer.name;
  for (let length = 1; length <= text.length; length += 1) queries.push({ query: text.slice(0, length), kind: byEmail ? 'email' : 'name' });
}
for (const { query } of queries.slice(0, 40)) memory.search.search(query, 8);
const timed: { query: string; kind: string; ms: number; words: number }[] = [];
for (const { query, kind } of queries) {
  started = performance.now();
  memory.search.search(query, 8);
  timed.push({ query, kind, ms: performance.now() - started, words: foldWord(query).split(/[\s@.]+/).filter(Boolean).length });
}
const result = {
  customers: plan.customers.length,
  /** 1, 5 and 15 minute load averages at the end: other work on the machine skews every figure. */
  loadAverage: loadavg().map((value) => round(value, 1)),
  index: {
    addMs: Math.round(addMs),
    buildMs: Math.round(buildMs),
    /** The index and the memory's map of customers. */
    heapMB: heapBefore !== null && heapAfter !== null ? heapAfter - heapBefore : 'run with node --expose-gc',
  },
  bench,
  indexAlone: {
    all: summarize(timed.map((t) => t.ms)),
    name: summarize(timed.filter((t) => t.kind === 'name').map((t) => t.ms)),
    email: summarize(timed.filter((t) => t.kind === 'email').map((t) => t.ms)),
    slowest: [...timed].sort((a, b) => b.ms - a.ms).slice(0, 12).map((t) => ({ query: t.query, ms: round(t.ms, 1) })),
  },
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
