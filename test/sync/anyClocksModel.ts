// A desk-level property (issue 12, build item 7): any sequence of valid ledger entries from any
// desks, with any clocks, extreme ones included, never stops a desk opening, and every desk
// converges. Two real desks (Dexie over fake-indexeddb: RxDB allows two in a realm) and the
// real endpoint in this process. The entries reach the desks every way a desk reads them: on
// its own disk already (written by an older version, a bug, a broken clock), or pulled from an
// endpoint that let them through (an older one); the desks' own clocks are off by anything
// from a day slow to a day fast. Then both desks are closed and opened again, sync until
// nothing moves, and must hold the same entries, show every pass alike, keep their clocks
// within ε of their own time, and still check a customer in and send it.
import fc from 'fast-check';
import type { LedgerEntry } from '../../shared/schema/records';
import type { LedgerDocument } from '../../shared/schema/collections';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_COUNTER, MAX_HLC_WALL_MS, formatHlc, parseHlc } from '../../shared/rules/hybridLogicalClock';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, openTestDesk, testDeskEpochMs, tinyVenue, venueOnEndpoint } from './syncTestbed';
import { jsonAnswer, networkWith } from './faultyNetwork';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const passIds = ['x1', 'x2'] as const;
const customerOf = { x1: 'c1', x2: 'c2' } as const;

/** How an entry reaches the desks: already on a desk's disk, or pulled by both from the endpoint. */
type Route = { kind: 'disk'; desk: 0 | 1 } | { kind: 'pulled' };
type GeneratedEntry = { route: Route; entry: LedgerEntry };
export type ClockSchedule = { deskClockOffsets: [number, number]; entries: GeneratedEntry[] };

/** Wall times at every edge: the start of time, around the endpoint's time and ε, far ahead, the last instant a stamp holds. */
const wallArb = fc.oneof(
  fc.constantFrom(0, 1, testDeskEpochMs - DAY, testDeskEpochMs, testDeskEpochMs + CLOCK_SKEW_BOUND_MS - 1_000, testDeskEpochMs + CLOCK_SKEW_BOUND_MS + 1_000, testDeskEpochMs + DAY, MAX_HLC_WALL_MS - 1, MAX_HLC_WALL_MS),
  fc.integer({ min: 0, max: MAX_HLC_WALL_MS }),
);
const counterArb = fc.constantFrom(0, 1, MAX_HLC_COUNTER);
const authorArb = fc.constantFrom('A', 'B', 'desk-old', 'z'.repeat(200));

function entryArb(venueId: string, serial: () => number): fc.Arbitrary<LedgerEntry> {
  return fc.tuple(fc.constantFrom(...passIds), authorArb, wallArb, counterArb, fc.constantFrom('check-in', 'check-in', 'uses-override', 'expiry-override', 'undo-check-in')).map(([passId, deskId, wallMs, counter, kind]) => {
    const base = {
      id: `any-${serial()}`, venueId, passId, customerId: customerOf[passId], deskId, staff: 'Anyone', reason: '',
      at: new Date(Math.min(wallMs, MAX_HLC_WALL_MS)).toISOString(), hlc: formatHlc({ wallMs, counter }, deskId),
    };
    switch (kind) {
      case 'check-in': return { ...base, kind, sessionId: '', charged: true, bookingId: '', venueDay: base.at.slice(0, 10) };
      case 'uses-override': return { ...base, kind, sessionId: '', total: 1 + (wallMs % 20) };
      case 'expiry-override': return { ...base, kind, sessionId: '', expiry: { kind: 'relative', days: 1 + (counter % 3650) } };
      default: return { ...base, kind: 'undo-check-in', sessionId: '', checkInId: `any-${Math.max(1, serial() - 3)}` };
    }
  });
}

export function clockScheduleArb(venueId: string): fc.Arbitrary<ClockSchedule> {
  let serial = 0;
  const offset = fc.constantFrom(-DAY, -3 * MINUTE, 0, 4 * MINUTE, 2 * 3_600_000, DAY);
  const route: fc.Arbitrary<Route> = fc.oneof(fc.constantFrom<Route>({ kind: 'disk', desk: 0 }, { kind: 'disk', desk: 1 }, { kind: 'pulled' }));
  return fc.record({
    deskClockOffsets: fc.tuple(offset, offset),
    entries: fc.array(fc.record({ route, entry: entryArb(venueId, () => (serial += 1)) }), { minLength: 1, maxLength: 12 }),
  });
}

export type ClockVerdict = { ok: true } | { ok: false; reason: string };

/** Runs one schedule on a fresh venue of the shared endpoint; the endpoint's clock is the test epoch. */
export async function runClockSchedule(endpoint: RunningEndpoint, venueId: string, schedule: ClockSchedule): Promise<ClockVerdict> {
  const settings = await venueOnEndpoint(endpoint, tinyVenue(venueId), ['A', 'B']);
  const pulled = schedule.entries.filter((each) => each.route.kind === 'pulled').map((each) => ({ ...each.entry, _deleted: false }));
  // An endpoint that lets the pulled entries through (an older one), on the first pull of the ledger.
  const smuggling = () => {
    let served = false;
    return networkWith(async (exchange, deliver) => {
      if (served || !exchange.url.pathname.endsWith('/sync/ledger/pull')) return deliver();
      served = true;
      const answer = (await (await deliver()).json()) as { documents: unknown[]; checkpoint: unknown };
      return jsonAnswer({ ...answer, documents: [...answer.documents, ...pulled] });
    });
  };
  const names = ['A', 'B'] as const;
  const desks: TestDesk[] = [];
  try {
    for (const [index, name] of names.entries()) {
      desks.push(await openTestDesk({ deskId: name, venue: tinyVenue(venueId), nowMs: testDeskEpochMs + schedule.deskClockOffsets[index]! }));
    }
    // The pulled ones first, in a round of their own: a round cut short by a refused push while
    // RxDB was storing a pulled document can leave it looking like a local write (seen here:
    // the desk then sends it back, and re-times what other desks hold as it is).
    for (const [index, desk] of desks.entries()) await desk.desk.sync.syncRound(settings[index]!, smuggling());
    for (const each of schedule.entries) {
      if (each.route.kind === 'disk') await desks[each.route.desk]!.desk.context.db.ledger.insert(each.entry as LedgerDocument).catch(() => undefined);
    }
    // Both desks closed and opened again: whatever they hold must not stop them. Both are
    // closed first: a second desk opened beside another waits ~2 s in RxDB's open core (its
    // 14th collection, over the 13 of a realm), and this way only the second reopening does.
    const databaseNames = desks.map((desk) => desk.databaseName);
    for (const desk of desks.splice(0)) await desk.close();
    for (const [index, name] of names.entries()) {
      desks.push(await openTestDesk({ deskId: name, venue: null, nowMs: testDeskEpochMs + schedule.deskClockOffsets[index]!, databaseName: databaseNames[index]! }));
    }
    for (const [index, desk] of desks.entries()) {
      // The pass may well be used up or expired by what arrived: a refusal for a reason is an
      // answer; `internal` is a desk broken by what it holds.
      const checkedIn = await desk.desk.call('checkIn', { customerId: 'c2', sessionId: null, confirmDuplicate: true });
      if (!checkedIn.ok && checkedIn.error === 'internal') return { ok: false, reason: `desk ${names[index]} answered internal after opening again: ${desk.logs.slice(-3).join(' | ')}` };
      const attendance = await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null, confirmDuplicate: true });
      if (!attendance.ok && attendance.error === 'internal') return { ok: false, reason: `desk ${names[index]} answered internal after opening again: ${desk.logs.slice(-3).join(' | ')}` };
    }
    const settled = await syncUntilQuiet(desks, settings);
    if (!settled.ok) return settled;
    return await judge(desks, names, settings);
  } finally {
    for (const desk of desks) await desk.close().catch(() => undefined);
  }
}

async function syncUntilQuiet(desks: readonly TestDesk[], settings: readonly EndpointSettings[]): Promise<ClockVerdict> {
  let last = '';
  for (let round = 0; round < 12; round += 1) {
    let moved = 0;
    let failed = false;
    for (const [index, desk] of desks.entries()) {
      const answer = await desk.desk.sync.syncRound(settings[index]!);
      moved += answer.moved;
      if (!answer.ok) {
        failed = true;
        last = answer.problem;
      }
    }
    if (!failed && moved === 0) return { ok: true };
  }
  return { ok: false, reason: `the desks did not settle in 12 rounds (last problem: ${last})` };
}

async function judge(desks: readonly TestDesk[], names: readonly string[], settings: readonly EndpointSettings[]): Promise<ClockVerdict> {
  const held = await Promise.all(desks.map(async (desk) => new Map((await desk.desk.context.db.ledger.find().exec()).map((doc) => [doc.id, doc.hlc]))));
  const [a, b] = held as [Map<string, string>, Map<string, string>];
  const onlyOne = [...a.keys()].filter((id) => !b.has(id)).concat([...b.keys()].filter((id) => !a.has(id)));
  if (onlyOne.length > 0) return { ok: false, reason: `entries on one desk only: ${onlyOne.slice(0, 5).join(', ')}` };
  const differ = [...a].filter(([id, hlc]) => b.get(id) !== hlc);
  if (differ.length > 0) return { ok: false, reason: `entries stamped differently on the two desks: ${JSON.stringify(differ.slice(0, 3).map(([id, hlc]) => [id, hlc, b.get(id)]))}` };
  for (const passId of passIds) {
    const states = await Promise.all(desks.map((desk) => desk.desk.call('passState', { passId })));
    if (JSON.stringify(states[0]) !== JSON.stringify(states[1])) return { ok: false, reason: `pass ${passId} differs: ${JSON.stringify(states)}` };
  }
  for (const [index, desk] of desks.entries()) {
    const { context } = desk.desk;
    const next = parseHlc(context.nextHlc(context.now())).wallMs;
    // Its time is the endpoint's once measured (a wrong clock is corrected), else its own; a desk
    // that has not measured its clock never runs it back over entries under its own id
    // (DeskContext.observeHlc), so those may hold it further ahead until it measures.
    const ownLatest = context.clock.offsetMs !== null ? 0 : Math.max(0, ...[...held[index]!.values()].map(parseHlc).filter((stamp) => stamp.deskId === names[index]).map((stamp) => stamp.wallMs + 1));
    const bound = Math.max(context.now() + CLOCK_SKEW_BOUND_MS, ownLatest);
    if (next > bound) return { ok: false, reason: `desk ${names[index]}'s clock ran to ${next}, more than ε past its time ${context.now()} (and past its own entries)` };
  }
  // No stamp more than ε ahead of the endpoint's clock went through it (the clock is the test
  // epoch plus the time the run has taken: an hour is far more than that).
  const latest = testDeskEpochMs + 3_600_000 + CLOCK_SKEW_BOUND_MS;
  const ahead = (await endpointDocuments(settings[0]!, 'ledger')).filter((document) => parseHlc(String(document.hlc)).wallMs > latest);
  if (ahead.length > 0) return { ok: false, reason: `the endpoint holds entries stamped ahead of its clock: ${ahead.slice(0, 3).map((document) => `${String(document.id)} ${String(document.hlc).slice(0, 30)}`).join(', ')}` };
  return { ok: true };
}

/** This process runs schedules index, index + count, … of the sequence. */
export type Shard = { index: number; count: number };

export type ClockRunResult = { ok: true; runs: number; seed: number } | { ok: false; runs: number; seed: number; path: string; reason: string; schedule: ClockSchedule | null };

/** `runs` schedules with a seed; a failure comes back with fast-check's path to run it again. */
export async function runAnyClocks(endpoint: RunningEndpoint, options: { runs: number; seed: number; path?: string; progress?: (line: string) => void; shard?: Shard }): Promise<ClockRunResult> {
  let run = 0;
  const details = await fc.check(
    fc.asyncProperty(clockScheduleArb('any-clocks'), async (schedule) => {
      run += 1;
      // Each process of a sharded soak runs every count-th schedule of the one sequence, so a
      // failure's path is the same as in a single run (test/sync/soak.ts --shards).
      if (options.shard && (run - 1) % options.shard.count !== options.shard.index) return;
      const venueId = `any-clocks-${options.seed}-${options.path ? `p${options.path}-` : ''}${run}`;
      const verdict = await runClockSchedule(endpoint, venueId, { ...schedule, entries: schedule.entries.map((each) => ({ ...each, entry: { ...each.entry, venueId } })) });
      if (!verdict.ok) throw new Error(verdict.reason);
      if (run % 25 === 0) options.progress?.(`${run} schedules of entries with any clocks`);
    }),
    { numRuns: options.runs, seed: options.seed, ...(options.path ? { path: options.path } : {}), endOnFailure: true },
  );
  if (!details.failed) return { ok: true, runs: details.numRuns, seed: options.seed };
  const error = details.errorInstance;
  return { ok: false, runs: details.numRuns, seed: details.seed, path: details.counterexamplePath ?? '', reason: error instanceof Error ? error.message : String(error), schedule: details.counterexample?.[0] ?? null };
}
