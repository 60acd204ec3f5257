// Search per keystroke: real customers' names and emails typed letter by letter, and some
// full pass codes, each prefix one `desk.call('search', { query, limit: 8 })` timed in Node.
// Beside it in the same run, on the same customers and the same keystrokes: uFuzzy (the
// library the issue names as the bar: "no slower than uFuzzy's p95 on the same corpus and
// queries"; as shipped, and told to match at word starts as the desk does), and a naive
// linear scan, `includes` over every customer's folded "name email". They take turns query by
// query, in a rotating order, so that other work on the machine falls on all of them alike.
import { createRequire } from 'node:module';
import uFuzzy from '@leeoniya/ufuzzy';
import type { DeskApiResults } from '../../shared/schema/api';
import { foldWord } from '../../shared/search/customerSearch';
import type { VenueMemory } from '../../main/state/venueMemory';
import type { Summary } from './percentiles';
import { ratio, round, shuffled, summarize } from './percentiles';

type QueryKind = 'name' | 'email' | 'passCode';
type Query = { query: string; kind: QueryKind };

const LIMIT = 8;

/** Typed as a person types: every prefix of the text is a keystroke's query. */
function keystrokes(text: string, kind: QueryKind): Query[] {
  const queries: Query[] = [];
  for (let length = 1; length <= text.length; length += 1) queries.push({ query: text.slice(0, length), kind });
  return queries;
}

/** What the bench needs of a desk: its memory and the search call (a whole `Desk` will do). */
export type SearchBenchDesk = {
  context: { memory: Pick<VenueMemory, 'customers' | 'passes'> };
  call(name: 'search', payload: { query: string; limit: number }): Promise<DeskApiResults['search']>;
};

export function buildQueries(desk: SearchBenchDesk, random: () => number, keystrokeCount: number, passCodes: number): Query[] {
  const { memory } = desk.context;
  const queries: Query[] = [];
  for (const customer of shuffled([...memory.customers.values()], random)) {
    if (queries.length >= keystrokeCount) break;
    // Mostly names, sometimes the email, as people at a door give them.
    const byEmail = customer.email !== undefined && random() < 0.3;
    queries.push(...keystrokes(byEmail ? customer.email! : customer.name, byEmail ? 'email' : 'name'));
  }
  queries.length = Math.min(queries.length, keystrokeCount);
  const passes = shuffled([...memory.passes.values()].filter((pass) => pass.code !== ''), random).slice(0, passCodes);
  // Scanned or typed, in either case.
  passes.forEach((pass, index) => queries.push({ query: index % 2 === 0 ? pass.code : pass.code.toLowerCase(), kind: 'passCode' }));
  return queries;
}

type Baseline = Summary & { name: string; buildMs: number };

export type SearchFigures = Summary & {
  queries: number;
  limit: number;
  customers: number;
  byKind: Record<QueryKind, Summary>;
  noHits: number;
  warmUp: number;
  /** The first search this desk answered in the run (an index sorted lazily would show here). */
  firstQueryMs: number;
  baseline: Baseline;
  ratioP50: number;
  ratioP95: number;
  ratioP99: number;
  uFuzzy: Baseline & { byKind: Record<QueryKind, Summary> };
  uFuzzyWordStart: Baseline;
  /** Ours divided by uFuzzy's (default options), per percentile: at most 1 meets the bar. */
  ratiosToUFuzzy: { p50: number; p95: number; p99: number };
  targets: { p95AtMostMs: number; p95WithinTarget: boolean; p95NotSlowerThanUFuzzy: boolean };
};

const uFuzzyVersion = (createRequire(import.meta.url)('@leeoniya/ufuzzy/package.json') as { version: string }).version;

/** The target: "search per keystroke: p95 ≤ 16 ms" (one frame at 60 Hz). */
const P95_TARGET_MS = 16;

/** uFuzzy as an app would call it: `search` (filter, then rank only up to 1,000 matches), first 8 kept. */
function uFuzzySearch(engine: uFuzzy, haystack: string[]): (query: string) => number[] {
  return (query) => {
    const [idxs, info, order] = engine.search(haystack, foldWord(query).trim());
    if (!idxs) return [];
    if (info && order) return order.slice(0, LIMIT).map((position) => info.idx[position]!);
    return idxs.slice(0, LIMIT);
  };
}

export async function benchSearch(desk: SearchBenchDesk, options: { random: () => number; keystrokes: number; passCodes: number; warmUp: number }): Promise<SearchFigures> {
  const queries = buildQueries(desk, options.random, options.keystrokes, options.passCodes);
  const warmUp = buildQueries(desk, options.random, options.warmUp, 0);

  const firstStarted = performance.now();
  await desk.call('search', { query: warmUp[0]?.query ?? 'a', limit: LIMIT });
  const firstQueryMs = performance.now() - firstStarted;

  // The baselines' data, built once (not timed per query): every customer's folded name and email.
  const buildStarted = performance.now();
  const folded: string[] = [];
  const ids: string[] = [];
  for (const customer of desk.context.memory.customers.values()) {
    folded.push(foldWord(`${customer.name} ${customer.email ?? ''}`));
    ids.push(customer.id);
  }
  const buildMs = performance.now() - buildStarted;
  const scan = (query: string): string[] => {
    const needle = foldWord(query).trim();
    const hits: string[] = [];
    for (let index = 0; index < folded.length; index += 1) if (folded[index]!.includes(needle)) hits.push(ids[index]!);
    return hits.slice(0, LIMIT);
  };
  // uFuzzy keeps no index: its "build" is its options compiled; it searches the same folded strings.
  let started = performance.now();
  const fuzzy = uFuzzySearch(new uFuzzy(), folded);
  const fuzzyBuildMs = performance.now() - started;
  started = performance.now();
  const wordStart = uFuzzySearch(new uFuzzy({ interLft: 2 }), folded);
  const wordStartBuildMs = performance.now() - started;

  type Contender = 'desk' | 'uFuzzy' | 'uFuzzyWordStart' | 'scan';
  let sink = 0;
  const run = async (contender: Contender, query: string): Promise<number> => {
    if (contender === 'desk') {
      const answer = await desk.call('search', { query, limit: LIMIT });
      return answer.ok ? answer.hits.length : 0;
    }
    return (contender === 'uFuzzy' ? fuzzy : contender === 'uFuzzyWordStart' ? wordStart : scan)(query).length;
  };
  const contenders: Contender[] = ['desk', 'uFuzzy', 'uFuzzyWordStart', 'scan'];
  for (const { query } of warmUp) for (const contender of contenders) sink += await run(contender, query);

  const times: Record<Contender, number[]> = { desk: [], uFuzzy: [], uFuzzyWordStart: [], scan: [] };
  const timesByKind: Record<'desk' | 'uFuzzy', Record<QueryKind, number[]>> = {
    desk: { name: [], email: [], passCode: [] },
    uFuzzy: { name: [], email: [], passCode: [] },
  };
  let noHits = 0;
  for (const [position, { query, kind }] of queries.entries()) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(position + turn) % contenders.length]!;
      const begun = performance.now();
      const found = await run(contender, query);
      const elapsed = performance.now() - begun;
      times[contender].push(elapsed);
      if (contender === 'desk' || contender === 'uFuzzy') timesByKind[contender][kind].push(elapsed);
      if (contender === 'desk' && found === 0) noHits += 1;
      sink += found;
    }
  }
  if (sink < 0) throw new Error('unreachable');

  const byKind = (samples: Record<QueryKind, number[]>) => ({ name: summarize(samples.name), email: summarize(samples.email), passCode: summarize(samples.passCode) });
  const deskSummary = summarize(times.desk);
  const scanSummary = summarize(times.scan);
  const fuzzySummary = summarize(times.uFuzzy);
  return {
    ...deskSummary,
    queries: queries.length,
    limit: LIMIT,
    customers: desk.context.memory.customers.size,
    byKind: byKind(timesByKind.desk),
    noHits,
    warmUp: warmUp.length,
    firstQueryMs: round(firstQueryMs),
    baseline: {
      name: 'naive linear scan: String.includes of the folded query over every customer\'s folded "name email" (all matches, first 8 kept)',
      buildMs: round(buildMs, 1),
      ...scanSummary,
    },
    ratioP50: ratio(deskSummary.p50Ms, scanSummary.p50Ms),
    ratioP95: ratio(deskSummary.p95Ms, scanSummary.p95Ms),
    ratioP99: ratio(deskSummary.p99Ms, scanSummary.p99Ms),
    uFuzzy: {
      name: `@leeoniya/ufuzzy ${uFuzzyVersion} search(haystack, foldedQuery) with default options (in-order terms, ranks up to 1,000 matches, else unranked), over the same folded "name email" strings; first 8 kept`,
      buildMs: round(fuzzyBuildMs, 1),
      ...fuzzySummary,
      byKind: byKind(timesByKind.uFuzzy),
    },
    uFuzzyWordStart: {
      name: 'the same with { interLft: 2 }: terms must start at a word boundary, as the desk\'s search matches',
      buildMs: round(wordStartBuildMs, 1),
      ...summarize(times.uFuzzyWordStart),
    },
    ratiosToUFuzzy: { p50: ratio(deskSummary.p50Ms, fuzzySummary.p50Ms), p95: ratio(deskSummary.p95Ms, fuzzySummary.p95Ms), p99: ratio(deskSummary.p99Ms, fuzzySummary.p99Ms) },
    targets: {
      p95AtMostMs: P95_TARGET_MS,
      p95WithinTarget: deskSummary.p95Ms <= P95_TARGET_MS,
      p95NotSlowerThanUFuzzy: deskSummary.p95Ms <= fuzzySummary.p95Ms,
    },
  };
}
