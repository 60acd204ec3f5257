// The convergence model (SPEC "Offline and several desks"; STYLE.md "Property tests"): 3 to 5
// desks check people in, undo, override and revoke while a faulty network drops, duplicates,
// reorders and replays their exchanges and partitions them (sync rounds between chosen desks,
// in random order). After healing (every desk syncs until a whole round moves nothing):
//   - every desk holds the same ledger as the endpoint, entry for entry;
//   - every successful command is in it exactly once (each writes exactly one entry), and the
//     endpoint holds no id twice;
//   - every desk's pass states equal the shared fold over the endpoint's documents, and the
//     shared fold over the union of every desk's entries.
// With a venue hub (issue 17; `scheduleArbitrary({ hub: true })`): every desk is paired with the
// hub (over TLS, pinned) and upstream, and syncs in rounds over that list through its own
// failover (DeskSync.routeRound, the rule the live desk follows): the schedule drops the hub off
// the network (or one desk's link to it), kills it and restarts it from its data folder, cuts the internet, cuts the hub
// part-way through a desk's round, and moves the desks' failover clocks on (no real waits), so
// the desks turn to upstream and back by themselves, each endpoint from its own checkpoints. The
// hub relays to upstream over a faulty network of its own at chosen moments; healing brings
// everything back, every desk must end on the hub, and the hub's ledger must equal upstream's
// besides. Entries that reach upstream by both routes count once.
// Used by the Vitest run (a bounded number of schedules) and by the soak (`test/sync/soak.ts`).
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { LedgerEntry, VenueData } from '../../shared/schema/records';
import type { DeskApiName } from '../../shared/schema/api';
import type { PassState } from '../../shared/rules/passState';
import { foldPassState } from '../../shared/rules/passState';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { recordOf } from '../../main/sync/ledgerHistoryGuard';
import type { DeskThread } from '../scenarios/deskThread';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { NetworkFaults } from './faultyNetwork';
import { randomNetwork } from './faultyNetwork';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import type { Hub } from '../../server/hub/startHub';
import { startHub } from '../../server/hub/startHub';
import { endpointDocuments } from './syncTestbed';
import type { SyncAnswer } from '../scenarios/deskWorker';
import type { HubCertificate } from '../../server/hub/hubCertificate';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { defaultFailover } from '../../main/sync/deskSync';
import { dumpPgliteDatabase } from '../../server/db/pgliteDatabase';

export const MAX_DESKS = 5;
const BASE_MS = Date.parse('2026-02-01T17:00:00Z');
const MINUTE = 60_000;
const HEAL_ROUNDS = 12;

/** A tiny venue with every kind of pass the rules treat differently. */
export function modelVenue(venueId: string): VenueData {
  const terms = (uses: number | null, expiry: VenueData['passes'][number]['terms']['expiry'], validFor: 'all' | string[] = 'all') => ({ uses, expiry, validFor });
  return {
    venue: { id: venueId, timeZone: 'Europe/London' },
    products: [{ id: 'p', name: 'Pass', uses: 3, expiry: { kind: 'none' }, validFor: 'all' }],
    customers: [{ id: 'c1', name: 'Ada Lovelace' }, { id: 'c2', name: 'Grace Hopper' }, { id: 'c3', name: 'Alan Turing' }],
    passes: [
      { id: 'x1', customerId: 'c1', productId: 'p', productName: '3 classes', purchasedAt: '2026-01-05T10:00:00Z', code: 'X1', terms: terms(3, { kind: 'none' }) },
      { id: 'x2', customerId: 'c1', productId: 'p', productName: '5 classes, 30 days', purchasedAt: '2026-01-10T10:00:00Z', code: 'X2', terms: terms(5, { kind: 'relative', days: 30 }) },
      { id: 'x3', customerId: 'c2', productId: 'p', productName: 'Unlimited', purchasedAt: '2026-01-05T10:00:00Z', code: 'X3', terms: terms(null, { kind: 'fixed', date: '2026-03-01' }) },
      { id: 'x4', customerId: 'c3', productId: 'p', productName: '2 yoga classes', purchasedAt: '2026-01-05T10:00:00Z', code: 'X4', terms: terms(2, { kind: 'none' }, ['yoga']) },
    ],
    sessions: [
      { id: 's1', name: 'Yoga', category: 'yoga', startsAt: '2026-02-01T18:00:00Z', endsAt: '2026-02-01T19:00:00Z' },
      { id: 's2', name: 'Spin', category: 'spin', startsAt: '2026-02-01T18:00:00Z', endsAt: '2026-02-01T19:00:00Z' },
    ],
    bookings: [{ id: 'b1', sessionId: 's1', customerId: 'c2', passId: 'x3', bookedAt: '2026-01-20T09:00:00Z' }],
    ledger: [],
  };
}

const passIds = ['x1', 'x2', 'x3', 'x4'];
const customerIds = ['c1', 'c2', 'c3'];
const sessionIds = ['s1', 's2'];

export type Action =
  | { kind: 'checkIn'; desk: number; advance: number; customer: number; session: number | null; confirm: boolean }
  | { kind: 'undo'; desk: number; advance: number; pick: number }
  | { kind: 'expiry'; desk: number; advance: number; pass: number; fixedInDays: number | null; relativeDays: number }
  | { kind: 'uses'; desk: number; advance: number; pass: number; total: number }
  | { kind: 'revoke'; desk: number; advance: number; pass: number }
  /**
   * Desks (in this order) sync `rounds` times over a network with these faults; the others are
   * cut off. A hub schedule only: each desk's failover clock first moves on by `waitSeconds`, and
   * `cutHubAfter` requests into each round the hub stops answering that desk (for that round).
   */
  | { kind: 'sync'; desks: number[]; rounds: number; faults: NetworkFaults; waitSeconds?: number; cutHubAfter?: number | null }
  /** The hub relays to upstream `rounds` times over a network with these faults (a hub schedule only). */
  | { kind: 'relay'; rounds: number; faults: NetworkFaults }
  /** The hub drops off the venue's network or comes back to it; is killed, or started again from its data folder (a hub schedule only). */
  | { kind: 'hub'; change: 'drop' | 'return' | 'kill' | 'restart' }
  /** One desk's own link to the hub is lost or comes back (its cable): it alone turns to upstream (a hub schedule only). */
  | { kind: 'link'; desk: number; up: boolean }
  /** The internet link is cut or comes back: neither the desks nor the hub reach upstream meanwhile (a hub schedule only). */
  | { kind: 'internet'; up: boolean };

export type Schedule = { desks: number; skewMinutes: number[]; actions: Action[]; hub?: true };

const rate = fc.constantFrom(0, 0, 0, 0.02, 0.05, 0.15);
/** Half the syncs over a good network, half over a bad one: partial syncs must happen too. */
const faults = (seed: fc.Arbitrary<number>) => fc.oneof(
  fc.record({ seed, dropRequest: fc.constant(0), dropAnswer: fc.constant(0), duplicate: fc.constant(0), stalePull: fc.constant(0), replayPush: fc.constant(0) }),
  fc.record({ seed, dropRequest: rate, dropAnswer: rate, duplicate: rate, stalePull: rate, replayPush: rate }),
);

/** Without a hub, exactly the schedules of before (a seed and path from earlier reports replay). */
export function scheduleArbitrary(options: { hub?: boolean } = {}): fc.Arbitrary<Schedule> {
  return options.hub ? hubScheduleArbitrary() : plainScheduleArbitrary();
}

function plainScheduleArbitrary(): fc.Arbitrary<Schedule> {
  return fc.integer({ min: 3, max: MAX_DESKS }).chain((desks) => {
    const desk = fc.integer({ min: 0, max: desks - 1 });
    // Each desk's clock moves on by minutes (or, now and then, by a day or two).
    const advance = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 60 * 24, max: 60 * 48 }) });
    const act: fc.Arbitrary<Action> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), desk, advance, customer: fc.integer({ min: 0, max: 2 }), session: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), confirm: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), desk, advance, pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('expiry' as const), desk, advance, pass: fc.integer({ min: 0, max: 3 }), fixedInDays: fc.option(fc.integer({ min: -5, max: 60 }), { nil: null }), relativeDays: fc.integer({ min: 1, max: 60 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('uses' as const), desk, advance, pass: fc.integer({ min: 0, max: 3 }), total: fc.integer({ min: 0, max: 8 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), desk, advance, pass: fc.integer({ min: 0, max: 3 }) }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('sync' as const),
          desks: fc.shuffledSubarray([...Array(desks).keys()], { minLength: 1 }),
          rounds: fc.integer({ min: 1, max: 2 }),
          faults: faults(fc.nat()),
        }),
      },
    );
    return fc.record({
      desks: fc.constant(desks),
      skewMinutes: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: desks, maxLength: desks }),
      actions: fc.array(act, { minLength: 5, maxLength: 30 }),
    });
  });
}

function hubScheduleArbitrary(): fc.Arbitrary<Schedule> {
  return plainScheduleArbitrary().chain((plain) => {
    const relay = fc.record({ kind: fc.constant('relay' as const), rounds: fc.integer({ min: 1, max: 2 }), faults: faults(fc.nat()) });
    const event: fc.Arbitrary<Action> = fc.oneof(
      { weight: 3, arbitrary: relay },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('hub' as const), change: fc.constantFrom('drop' as const, 'return' as const, 'kill' as const, 'restart' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('internet' as const), up: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('link' as const), desk: fc.integer({ min: 0, max: plain.desks - 1 }), up: fc.boolean() }) },
    );
    // The desks' failover clocks move on by nothing, a few seconds, or past the failover's 10 s.
    const waitSeconds = fc.constantFrom(0, 0, 3, 6, 11, 20);
    const cutHubAfter = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 4 });
    // Before each sync, now and then, a relay or a change of the network.
    const actions = fc.tuple(...plain.actions.map((action) => (action.kind === 'sync'
      ? fc.tuple(fc.option(event, { freq: 2 }), waitSeconds, cutHubAfter).map(([before, wait, cut]) => [...(before ? [before] : []), { ...action, waitSeconds: wait, cutHubAfter: cut }] as Action[])
      : fc.constant([action] as Action[]))));
    return actions.map((lists) => ({ ...plain, actions: lists.flat(), hub: true as const }));
  });
}

export type Verdict = { ok: true; stats: RunStats } | { ok: false; reason: string };
export type RunStats = { commands: number; refused: number; entries: number; syncRounds: number; failedRounds: number; healRounds: number; faults: number; switches: number };

/** Runs one schedule on fresh desks of a fresh venue on the shared endpoint. */
export async function runSchedule(endpoint: RunningEndpoint, threads: readonly DeskThread[], schedule: Schedule, runId: string): Promise<Verdict> {
  const venue = modelVenue(`model-${runId}`);
  const desks = threads.slice(0, schedule.desks);
  await endpoint.server.admin.createVenue(venue.venue);
  await endpoint.server.admin.importVenueData(venue.venue.id, venue);
  const settings: EndpointSettings[] = [];
  for (const desk of desks) settings.push({ url: endpoint.url, token: (await endpoint.server.admin.issueDevice(venue.venue.id, desk.name)).token });
  const observer: EndpointSettings = { url: endpoint.url, token: (await endpoint.server.admin.issueDevice(venue.venue.id, 'observer')).token };
  const hub = schedule.hub ? await modelHub(endpoint, venue, desks.map((desk) => desk.name), settings) : null;
  try {
    await Promise.all(desks.map((desk) => desk.open(venue, `${runId}-${desk.name}`)));
    return await runActions({ venue, desks, schedule, settings, observer, hub });
  } finally {
    await hub?.hub?.close();
  }
}

type ModelHub = {
  hub: Hub | null;
  /** Each desk's ordered endpoints: the hub (pinned), then upstream; and an observer's pairing with the hub. */
  endpoints: EndpointSettings[][];
  observer: EndpointSettings;
  /** The hub's line to upstream for the next relay round. */
  line: { fetch: FetchFunction };
  /** Whether the hub is on the venue's network, and whether the internet link is up. */
  reachable: boolean;
  internet: boolean;
  /** The desks whose own link to the hub is lost. */
  cutOff: Set<number>;
  upstreamOrigin: string;
  start(): Promise<Hub>;
  /** Killed: what its database held (as a SIGKILLed hub's data folder holds what it committed). */
  kill(): Promise<void>;
};

/** One certificate for every model hub of this process (made once: a key takes a while). */
let modelCertificate: Promise<HubCertificate> | null = null;

/**
 * A hub of the venue on 127.0.0.2 over TLS, relaying only when the schedule says (its own loop
 * stopped). Killed, its database's files are kept, and it starts again from them on the same port.
 */
async function modelHub(endpoint: RunningEndpoint, venue: VenueData, deskNames: readonly string[], upstreamSettings: readonly EndpointSettings[]): Promise<ModelHub> {
  const tls = await (modelCertificate ??= createHubCertificate('127.0.0.2'));
  const line = { fetch: ((url, init) => fetch(url, init)) as FetchFunction };
  const { token } = await endpoint.server.admin.issueDevice(venue.venue.id, 'hub');
  let port = 0;
  let files: Blob | null = null;
  const model: ModelHub = {
    hub: null, endpoints: [], observer: { url: '', token: '' }, line, reachable: true, internet: true, cutOff: new Set(), upstreamOrigin: new URL(endpoint.url).origin,
    kill: async () => {
      if (!model.hub) return;
      files = await dumpPgliteDatabase(model.hub.server.db);
      await model.hub.close();
      model.hub = null;
    },
    start: async () => {
      const hub = await startHub({
        database: { kind: 'pglite-memory', ...(files ? { from: files } : {}) }, host: '127.0.0.2', port, tls, upstream: { url: endpoint.url, token },
        fetch: (url, init) => (model.internet ? line.fetch(url, init) : Promise.reject(new TypeError('fetch failed'))),
      });
      await hub.relay.stop();
      port = hub.server.port;
      model.hub = hub;
      return hub;
    },
  };
  const hub = await model.start();
  const certificate = tls.fingerprint;
  for (const [index, name] of deskNames.entries()) {
    model.endpoints.push([{ url: hub.server.url, token: (await hub.server.admin.issueDevice(venue.venue.id, name)).token, certificate }, upstreamSettings[index]!]);
  }
  model.observer = { url: hub.server.url, token: (await hub.server.admin.issueDevice(venue.venue.id, 'observer')).token, certificate };
  return model;
}

type Run = { venue: VenueData; desks: readonly DeskThread[]; schedule: Schedule; settings: EndpointSettings[]; observer: EndpointSettings; hub: ModelHub | null };

/** One round of a desk over its list through its own failover, the hub and the internet as the schedule left them. */
function routeRound(desk: DeskThread, hub: ModelHub, deskIndex: number, faults: NetworkFaults | undefined, waitSeconds: number, cutHubAfter: number | null): Promise<SyncAnswer> {
  const hubOrigin = new URL(hub.endpoints[deskIndex]![0]!.url).origin;
  const down = [...(hub.reachable && !hub.cutOff.has(deskIndex) ? [] : [hubOrigin]), ...(hub.internet ? [] : [hub.upstreamOrigin])];
  return desk.routeSync({ endpoints: hub.endpoints[deskIndex]!, ...(faults ? { faults } : {}), down, ...(cutHubAfter === null ? {} : { cutAfter: { origin: hubOrigin, requests: cutHubAfter } }), advanceMs: waitSeconds * 1000 });
}

async function runActions({ venue, desks, schedule, settings, observer, hub }: Run): Promise<Verdict> {
  const clocks = schedule.skewMinutes.map((skew) => BASE_MS + skew * MINUTE);
  const successes = desks.map(() => 0);
  const checkIns: string[] = [];
  const stats: RunStats = { commands: 0, refused: 0, entries: 0, syncRounds: 0, failedRounds: 0, healRounds: 0, faults: 0, switches: 0 };

  for (const [index, action] of schedule.actions.entries()) {
    if (action.kind === 'hub' || action.kind === 'internet' || action.kind === 'link') {
      if (!hub) continue;
      if (action.kind === 'internet') hub.internet = action.up;
      else if (action.kind === 'link') {
        if (action.up) hub.cutOff.delete(action.desk);
        else hub.cutOff.add(action.desk);
      }
      else if (action.change === 'drop' || action.change === 'return') hub.reachable = action.change === 'return';
      else if (action.change === 'kill') await hub.kill();
      else if (action.change === 'restart' && !hub.hub) await hub.start();
      continue;
    }
    if (action.kind === 'relay') {
      if (!hub?.hub) continue;
      for (let round = 0; round < action.rounds; round += 1) {
        const network = randomNetwork({ ...action.faults, seed: action.faults.seed + round * 7919 });
        hub.line.fetch = network.fetch;
        const relayed = await hub.hub.relay.round();
        stats.syncRounds += 1;
        if (!relayed.ok) stats.failedRounds += 1;
        stats.faults += Object.values(network.counts).reduce((sum, count) => sum + count, 0);
      }
      continue;
    }
    if (action.kind === 'sync') {
      for (let round = 0; round < action.rounds; round += 1) {
        for (const deskIndex of action.desks) {
          const faultsNow = { ...action.faults, seed: action.faults.seed + round * 7919 + deskIndex };
          const answer = hub
            ? await routeRound(desks[deskIndex]!, hub, deskIndex, faultsNow, round === 0 ? action.waitSeconds ?? 0 : 0, action.cutHubAfter ?? null)
            : await desks[deskIndex]!.sync(settings[deskIndex]!, faultsNow);
          stats.switches += answer.switches?.length ?? 0;
          stats.syncRounds += 1;
          if (!answer.ok) stats.failedRounds += 1;
          stats.faults += Object.values(answer.faults ?? {}).reduce((sum, count) => sum + count, 0);
        }
      }
      continue;
    }
    clocks[action.desk] = clocks[action.desk]! + action.advance * MINUTE;
    const call = callOf(action, checkIns, clocks[action.desk]!);
    if (!call) continue;
    const answer = await desks[action.desk]!.call(clocks[action.desk]!, call.name, call.payload) as { ok: boolean; error?: string; checkInId?: string };
    stats.commands += 1;
    if (answer.ok) {
      successes[action.desk] = successes[action.desk]! + 1;
      if (action.kind === 'checkIn' && answer.checkInId) checkIns.push(answer.checkInId);
    } else {
      stats.refused += 1;
      if (answer.error === 'internal') return { ok: false, reason: `action ${index + 1} (${JSON.stringify(action)}) answered internal` };
    }
  }

  // Healing: everyone syncs over a good network, all at once, until a whole round moves nothing
  // (with a hub: back on the network and running, the internet up; the hub relays, then every desk
  // syncs over its list, its failover clock moved on enough to ask the hub again, and must be on the hub).
  let quiet = false;
  if (hub) {
    hub.line.fetch = (url, init) => fetch(url, init);
    hub.reachable = true;
    hub.internet = true;
    hub.cutOff.clear();
    if (!hub.hub) await hub.start();
  }
  for (let round = 0; round < HEAL_ROUNDS && !quiet; round += 1) {
    stats.healRounds += 1;
    const relayed = hub?.hub ? await hub.hub.relay.round() : null;
    const answers = await Promise.all(desks.map((desk, deskIndex) => (hub ? routeRound(desk, hub, deskIndex, undefined, defaultFailover.probeEveryMs / 1000, null) : desk.sync(settings[deskIndex]!))));
    for (const answer of answers) stats.switches += answer.switches?.length ?? 0;
    quiet = answers.every((answer) => answer.ok && answer.moved === 0 && (!hub || answer.via === 'hub')) && (relayed === null || (relayed.ok && relayed.pulled === 0 && relayed.pushed === 0));
  }
  if (!quiet) return { ok: false, reason: `the desks did not settle after ${HEAL_ROUNDS} healing rounds` };
  if (hub) {
    const atHub = (await endpointDocuments(hub.observer, 'ledger')).map((document) => document.id).sort();
    const atUpstream = (await endpointDocuments(observer, 'ledger')).map((document) => document.id).sort();
    if (!isDeepStrictEqual(atHub, atUpstream)) return { ok: false, reason: `the hub holds ${atHub.length} entries, upstream ${atUpstream.length}: not the same` };
  }

  const nowMs = Math.max(...clocks) + MINUTE;
  const snapshots = await Promise.all(desks.map((desk) => desk.snapshot(nowMs, passIds)));
  const onEndpoint = (await endpointDocuments(observer, 'ledger')).map((document) => recordOf(document) as LedgerEntry);
  return judge({ venue, desks: desks.map((desk) => desk.name), snapshots, onEndpoint, successes, checkIns, nowMs, stats });
}

function callOf(action: Exclude<Action, { kind: 'sync' | 'relay' | 'hub' | 'internet' | 'link' }>, checkIns: readonly string[], nowMs: number): { name: DeskApiName; payload: unknown } | null {
  const passId = 'pass' in action ? passIds[action.pass]! : '';
  switch (action.kind) {
    case 'checkIn':
      return { name: 'checkIn', payload: { customerId: customerIds[action.customer], sessionId: action.session === null ? null : sessionIds[action.session], ...(action.confirm ? { confirmDuplicate: true } : {}) } };
    case 'undo':
      // Any check-in made anywhere so far: the desk may not know it yet (then it refuses).
      return checkIns.length === 0 ? null : { name: 'undoCheckIn', payload: { checkInId: checkIns[action.pick % checkIns.length] } };
    case 'expiry':
      return {
        name: 'overrideExpiry',
        payload: action.fixedInDays === null
          ? { passId, relativeDays: action.relativeDays }
          : { passId, fixedDate: new Date(nowMs + action.fixedInDays * 24 * 60 * MINUTE).toISOString().slice(0, 10) },
      };
    case 'uses':
      return { name: 'overrideUses', payload: { passId, total: action.total } };
    case 'revoke':
      return { name: 'revokePass', payload: { passId } };
  }
}

type Judged = {
  venue: VenueData;
  desks: string[];
  snapshots: { ledger: LedgerEntry[]; states: Record<string, PassState | { error: string }> }[];
  onEndpoint: LedgerEntry[];
  successes: number[];
  checkIns: string[];
  nowMs: number;
  stats: RunStats;
};

function judge({ venue, desks, snapshots, onEndpoint, successes, checkIns, nowMs, stats }: Judged): Verdict {
  const endpointById = new Map(onEndpoint.map((entry) => [entry.id, entry]));
  if (endpointById.size !== onEndpoint.length) return { ok: false, reason: 'the endpoint holds an id twice' };

  // The union of what every desk holds: one content per id.
  const union = new Map<string, LedgerEntry>();
  for (const [index, snapshot] of snapshots.entries()) {
    for (const entry of snapshot.ledger) {
      const seen = union.get(entry.id);
      if (seen && !isDeepStrictEqual(seen, entry)) return { ok: false, reason: `entry ${entry.id} differs between desks (desk ${desks[index]})` };
      union.set(entry.id, entry);
    }
  }
  stats.entries = union.size;
  for (const [index, snapshot] of snapshots.entries()) {
    if (snapshot.ledger.length !== union.size) return { ok: false, reason: `desk ${desks[index]} holds ${snapshot.ledger.length} entries of ${union.size}` };
    const own = snapshot.ledger.filter((entry) => entry.deskId === desks[index]).length;
    if (own !== successes[index]) return { ok: false, reason: `desk ${desks[index]} made ${successes[index]} changes, but ${own} of its entries exist` };
  }
  if (endpointById.size !== union.size) return { ok: false, reason: `the endpoint holds ${endpointById.size} entries, the desks ${union.size}` };
  for (const [id, entry] of union) {
    if (!isDeepStrictEqual(endpointById.get(id), entry)) return { ok: false, reason: `entry ${id} differs between the endpoint and the desks` };
  }
  const missing = checkIns.find((id) => !union.has(id));
  if (missing) return { ok: false, reason: `check-in ${missing} was lost` };

  for (const pass of venue.passes) {
    const bookings = venue.bookings.filter((booking) => booking.passId === pass.id);
    const fromUnion = foldPassState(pass, bookings, [...union.values()].filter((entry) => entry.passId === pass.id), venue.venue.timeZone, nowMs);
    const fromEndpoint = foldPassState(pass, bookings, onEndpoint.filter((entry) => entry.passId === pass.id), venue.venue.timeZone, nowMs);
    if (!isDeepStrictEqual(fromUnion, fromEndpoint)) return { ok: false, reason: `pass ${pass.id}: the fold over the endpoint differs from the fold over the union` };
    for (const [index, snapshot] of snapshots.entries()) {
      if (!isDeepStrictEqual(snapshot.states[pass.id], fromUnion)) {
        return { ok: false, reason: `pass ${pass.id} on desk ${desks[index]}: ${JSON.stringify(snapshot.states[pass.id])}, the fold says ${JSON.stringify(fromUnion)}` };
      }
    }
  }
  return { ok: true, stats };
}
