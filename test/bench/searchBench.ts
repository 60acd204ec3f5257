// Search per keystroke: real customers' names and emails typed letter by letter, and some
// full pass codes, each prefix one `desk.call('search', { query, limit: 8 })` timed in Node.
// Baseline in the same run: the same queries as a naive linear scan, `includes` over every
// customer's folded "name email".
import type { Desk } from '../../main/desk/openDesk';
import { foldWord } from '../../shared/search/customerSearch';
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

export function buildQueries(desk: Desk, random: () => number, keystrokeCount: number, passCodes: number): Query[] {
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

export type SearchFigures = Summary & {
  queries: number;
  limit: number;
  customers: number;
  byKind: Record<QueryKind, Summary>;
  noHits: number;
  warmUp: number;
  baseline: Summary & { name: string; buildMs: number };
  ratioP50: number;
  ratioP95: number;
};

export async function benchSearch(desk: Desk, options: { random: () => number; keystrokes: number; passCodes: number; warmUp: number }): Promise<SearchFigures> {
  const queries = buildQueries(desk, options.random, options.keystrokes, options.passCodes);
  const warmUp = buildQueries(desk, options.random, options.warmUp, 0);

  // The baseline's data, built once (not timed per query): every customer's folded name and email.
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

  let sink = 0;
  for (const { query } of warmUp) {
    await desk.call('search', { query, limit: LIMIT });
    sink += scan(query).length;
  }

  const times: number[] = [];
  const timesByKind: Record<QueryKind, number[]> = { name: [], email: [], passCode: [] };
  let noHits = 0;
  for (const { query, kind } of queries) {
    const started = performance.now();
    const answer = await desk.call('search', { query, limit: LIMIT });
    const elapsed = performance.now() - started;
    times.push(elapsed);
    timesByKind[kind].push(elapsed);
    if (!answer.ok || answer.hits.length === 0) noHits += 1;
  }

  const scanTimes: number[] = [];
  for (const { query } of queries) {
    const started = performance.now();
    sink += scan(query).length;
    scanTimes.push(performance.now() - started);
  }
  if (sink < 0) throw new Error('unreachable');

  const deskSummary = summarize(times);
  const scanSummary = summarize(scanTimes);
  return {
    ...deskSummary,
    queries: queries.length,
    limit: LIMIT,
    customers: desk.context.memory.customers.size,
    byKind: { name: summarize(timesByKind.name), email: summarize(timesByKind.email), passCode: summarize(timesByKind.passCode) },
    noHits,
    warmUp: warmUp.length,
    baseline: {
      name: 'naive linear scan: String.includes of the folded query over every customer\'s folded "name email" (all matches, first 8 kept)',
      buildMs: round(buildMs, 1),
      ...scanSummary,
    },
    ratioP50: ratio(deskSummary.p50Ms, scanSummary.p50Ms),
    ratioP95: ratio(deskSummary.p95Ms, scanSummary.p95Ms),
  };
}
