// A new desk's snapshot fuzzed (main/sync/snapshotSync.ts): an endpoint that serves the fuzz
// venue's snapshot with bad records in a page of one part (a record of the wrong shape, a field
// missing or of the wrong type or out of range, a key that is no field, a ledger entry of
// another venue, a summary that is no summary, no object at all), or that answers one request
// of the snapshot badly once (not the protocol, not JSON, the endpoint failing, the request
// refused). Each bad record must be refused with its reason logged and the rest taken; each bad
// answer must be logged with its kind and the snapshot taken all the same; either way the desk
// must end up holding exactly what the clean snapshot gives it, with no crash and no
// unhandled rejection. Every part is served as ready bundles and as pages, the bad records
// inside a bundle whose digest is right. Beside them, pages with records at every edge the schemas allow
// (extremeDocuments.ts): each taken, and the desk's clock within ε of its own time. Each run is
// a new, empty desk.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { VenueData } from '../../shared/schema/records';
import type { SnapshotPart } from '../../shared/schema/sync';
import { snapshotParts } from '../../shared/schema/sync';
import { summarizeByPass } from '../../shared/rules/passSummary';
import { recentEntriesOf, recentSince } from '../../shared/rules/recentEntries';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { Backoff } from '../../main/sync/backoff';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import type { EndpointFailure } from '../../main/sync/syncEndpoint';
import { takeDoorParts, takeHistory } from '../../main/sync/snapshotSync';
import type { Desk } from '../../main/desk/openDesk';
import { jsonText, longString, nested, notOfType, pollutingObject, strangeKey } from './badValues';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, expectUnchanged, runFuzz, shortly } from './fuzzRun';
import { FUZZ_NOW_MS, FUZZ_VENUE_ID, fuzzVenue, openFuzzDesk } from './fuzzVenue';
import { extremeRecord } from './extremeDocuments';
import { CLOCK_SKEW_BOUND_MS, parseHlc } from '../../shared/rules/hybridLogicalClock';

const settings: EndpointSettings = { url: 'http://sync-endpoint.fuzz.invalid/', token: 'fuzz-device-token-0123456789' };

type BadRecords = { kind: 'records'; part: SnapshotPart; records: { rule: string; record: unknown }[] };
type BadAnswer = { kind: 'answer'; request: 'start' | SnapshotPart; rule: string; status: number; body: string; failure: EndpointFailure['kind'] };
const extremeParts = ['products', 'customers', 'passes', 'sessions', 'bookings', 'recent'] as const;
/** Records at every edge the schemas allow (extremeDocuments.ts) in a page of one part: each must be taken, and the desk stay on its own clock. */
type ExtremeRecords = { kind: 'extreme'; part: (typeof extremeParts)[number]; records: Record<string, unknown>[] };
type BadSnapshot = BadRecords | BadAnswer | ExtremeRecords;

const extremeRecords = (serial: () => number): fc.Arbitrary<ExtremeRecords> => fc.constantFrom(...extremeParts).chain((part) =>
  fc.array(extremeRecord(part === 'recent' ? 'ledger' : part, FUZZ_VENUE_ID, FUZZ_NOW_MS, serial), { minLength: 1, maxLength: 4 })
    .map((records): ExtremeRecords => ({ kind: 'extreme', part, records })));

/** The fuzz venue as the endpoint's snapshot holds it, part by part. */
function snapshotOf(venue: VenueData): Record<SnapshotPart, Record<string, unknown>[]> {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  const history = [...venue.ledger].sort((a, b) => (a.passId < b.passId ? -1 : a.passId > b.passId ? 1 : a.id < b.id ? -1 : 1));
  return {
    products: [...venue.products].sort(byId),
    sessions: [...venue.sessions].sort(byId),
    customers: [...venue.customers].sort(byId),
    passes: [...venue.passes].sort(byId),
    bookings: [...venue.bookings].sort(byId),
    summaries: [...summarizeByPass(venue.ledger)].map(([passId, summary]) => summary.toRecord(passId)).sort((a, b) => (a.passId < b.passId ? -1 : 1)),
    recent: recentEntriesOf(venue.ledger, recentSince(FUZZ_NOW_MS, venue.venue.timeZone)).sort(byId),
    history: history as unknown as Record<string, unknown>[],
  };
}

const clean = snapshotOf(fuzzVenue());

// --- bad records ---------------------------------------------------------------------------

/** Fields of a part's records that must hold something specific (bad values are drawn for them). */
const fieldsOf: Record<SnapshotPart, string[]> = {
  products: ['name', 'uses', 'expiry', 'validFor'],
  sessions: ['name', 'category', 'startsAt', 'endsAt'],
  customers: ['name'],
  passes: ['customerId', 'productName', 'purchasedAt', 'code', 'terms'],
  bookings: ['sessionId', 'customerId', 'bookedAt'],
  summaries: ['charged', 'undone', 'expiryOverride', 'usesOverride', 'revoked'],
  recent: ['venueId', 'kind', 'at', 'hlc', 'staff'],
  history: ['venueId', 'kind', 'at', 'hlc', 'charged'],
};

/** Fields that take any text up to their limit (an impossible date is a fine name); of them, those that may be empty. */
const freeText = new Set(['name', 'category', 'customerId', 'sessionId', 'productName', 'code', 'staff']);
const mayBeEmpty = new Set(['code', 'staff']);

/** Whether a value drawn for a field is one its schema refuses. */
function isBad(part: SnapshotPart, field: string, value: unknown): boolean {
  if (part === 'summaries') {
    // No check-in counted or undone, no override: a pass's summary may say so.
    if ((field === 'undone' || field === 'charged') && Array.isArray(value) && value.length === 0) return false;
    if ((field === 'expiryOverride' || field === 'usesOverride') && value === null) return false;
  }
  if (typeof value !== 'string' || !freeText.has(field)) return true;
  return value.length > 100 || (value === '' && !mayBeEmpty.has(field));
}

function badRecord(part: SnapshotPart, serial: () => number): fc.Arbitrary<{ rule: string; record: unknown }> {
  const base = () => {
    const record = { ...clean[part][0]! };
    // A fresh key, so that a bad record can never be taken for a good one.
    if (part === 'summaries') record.passId = `fuzz-pass-${serial()}`;
    else record.id = `fuzz-${part}-${serial()}`;
    return record;
  };
  const withField = (field: string, value: unknown) => Object.defineProperty(base(), field, { value, enumerable: true, writable: true, configurable: true });
  const options: fc.Arbitrary<{ rule: string; record: unknown }>[] = [
    fc.constantFrom(...fieldsOf[part]).chain((field) => fc.oneof(
      notOfType(field === 'revoked' || field === 'charged' ? ['boolean'] : field === 'uses' ? ['number', 'null'] : ['string'], 'json'),
      fc.constantFrom('', '2026-02-30T00:00:00Z', -1, 1.5, 100_001, [['x', 'yesterday']], { hlc: 'no', id: 'x', total: 1 }),
      longString(201),
    ).filter((value) => isBad(part, field, value)).map((value) => ({ rule: `a bad ${field}`, record: withField(field, value) }))),
    fc.constantFrom(...fieldsOf[part]).map((field) => {
      const record = base();
      delete record[field];
      return { rule: `no ${field}`, record };
    }),
    fc.tuple(strangeKey([...Object.keys(clean[part][0]!), '_deleted']), fc.oneof(fc.jsonValue({ maxDepth: 2 }), nested(), pollutingObject()))
      .map(([key, value]) => ({ rule: 'a key that is no field', record: withField(key, value) })),
    fc.oneof(notOfType(['object'], 'json'), nested()).map((record) => ({ rule: 'no object (or nothing but depth)', record })),
  ];
  if (part === 'recent' || part === 'history') options.push(fc.constantFrom('another-venue', `${FUZZ_VENUE_ID} `).map((venueId) => ({ rule: 'an entry of another venue', record: withField('venueId', venueId) })));
  return fc.oneof(...options);
}

const badRecords = (serial: () => number): fc.Arbitrary<BadRecords> => fc.constantFrom(...snapshotParts)
  .chain((part) => fc.record({ part: fc.constant(part), records: fc.array(badRecord(part, serial), { minLength: 1, maxLength: 4 }) }))
  .map((bad): BadRecords => ({ kind: 'records', ...bad }));

// --- bad answers ---------------------------------------------------------------------------

const badAnswer = (): fc.Arbitrary<BadAnswer> => fc.tuple(fc.constantFrom<'start' | SnapshotPart>('start', ...snapshotParts), fc.oneof(
  fc.oneof(notOfType(['object'], 'json').map((value) => jsonText(value)), fc.constantFrom('{"records":{},"next":null}', '{"records":[],"next":5}', '{"venue":{}}', '{"seqs":{"ledger":-1}}'))
    .map((body) => ({ rule: 'an answer that is not the protocol', status: 200, body, failure: 'bad-answer' as const })),
  fc.constantFrom('OK', '<html>', '{"records":[').map((body) => ({ rule: 'an answer that is not JSON', status: 200, body, failure: 'bad-answer' as const })),
  fc.constantFrom(500, 502, 503).map((status) => ({ rule: 'the endpoint failing', status, body: '{"error":"internal","message":"boom"}', failure: 'server-error' as const })),
  fc.constantFrom(400, 409, 413, 429).map((status) => ({ rule: 'the request refused', status, body: '{"error":"snapshot-seq-ahead","message":"not yet"}', failure: 'rejected' as const })),
)).map(([request, answer]): BadAnswer => ({ kind: 'answer', request, ...answer }))
  // The start's answer decides whether an endpoint keeps snapshots at all; its 404 is that.
  .filter((answer) => !(answer.request === 'start' && answer.status === 404));

export const badSnapshot = (serial: () => number): fc.Arbitrary<BadSnapshot> => fc.oneof(
  { weight: 3, arbitrary: badRecords(serial) },
  { weight: 1, arbitrary: badAnswer() },
  { weight: 1, arbitrary: extremeRecords(serial) },
);

// --- the endpoint ---------------------------------------------------------------------------

function json(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

/**
 * A part as the endpoint serves it ready: one bundle with its digest, the bad records (if any)
 * after its first record, so that it still begins and ends with the keys it says where the part
 * holds two or more (a bundle whose last record has no key it can name is refused whole, and the
 * desk reads the part as pages).
 */
function bundlesOf(part: SnapshotPart, added: unknown[]): string {
  const [first, ...rest] = clean[part];
  const records = [first, ...added, ...rest];
  const keyOf = (record: unknown) => {
    const key = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[part === 'summaries' || part === 'history' ? 'passId' : 'id'] : undefined;
    return typeof key === 'string' ? key : '';
  };
  const text = JSON.stringify(records);
  const bundle = { firstKey: keyOf(records[0]), lastKey: keyOf(records[records.length - 1]), count: records.length, records: text, digest: createHash('sha256').update(text, 'utf8').digest('hex') };
  return JSON.stringify({ bundles: [bundle], next: null });
}

/**
 * The clean snapshot, one page a part, with the bad records in one part, or one request answered
 * badly once. Every part is served both ways: as ready bundles (what a desk asks for first) and
 * as pages (what it reads from an endpoint without bundles, or after bundles that failed their
 * check); a bad answer of a part is the first request's of that part, whichever it is.
 */
function endpointServing(bad: BadSnapshot | null): FetchFunction {
  let answeredBadly = false;
  return async (url) => {
    const path = new URL(url).pathname;
    const asBundles = path.endsWith('/bundles');
    const part = /\/sync\/snapshot\/([a-z]+)(\/bundles)?$/.exec(path)?.[1] as SnapshotPart | undefined;
    const request = path.endsWith('/sync/snapshot') ? 'start' : part;
    if (bad?.kind === 'answer' && bad.request === request && !answeredBadly) {
      answeredBadly = true;
      return json(bad.body, bad.status);
    }
    if (request === 'start') {
      const seqs = { products: 10, customers: 10, passes: 10, sessions: 10, bookings: 10, ledger: 10 };
      const counts = Object.fromEntries(snapshotParts.map((name) => [name, clean[name].length]));
      return json(JSON.stringify({ venue: fuzzVenue().venue, seqs, recentSince: recentSince(FUZZ_NOW_MS, 'Europe/London'), counts }));
    }
    if (part && (snapshotParts as readonly string[]).includes(part)) {
      const added = bad?.kind === 'records' && bad.part === part ? bad.records.map((one) => one.record) : bad?.kind === 'extreme' && bad.part === part ? bad.records : [];
      if (asBundles) return json(bundlesOf(part, added));
      const records: unknown[] = [...clean[part], ...added];
      return json(jsonText({ records, next: null }));
    }
    return json('{"error":"not-found","message":"no such route in the fuzz endpoint"}', 404);
  };
}

/** A new desk takes the snapshot; what was dropped and what failed, from its observer. */
async function takeSnapshot(bad: BadSnapshot | null): Promise<{ desk: Desk; close(): Promise<void>; held: string; dropped: DroppedDocument[]; failed: EndpointFailure[] }> {
  const opened = await openFuzzDesk({ venue: null });
  // As pairing does: the endpoint's venue is this desk's before its data arrives.
  opened.desk.context.memory.venue = fuzzVenue().venue;
  const dropped: DroppedDocument[] = [];
  const failed: EndpointFailure[] = [];
  const options = {
    context: opened.desk.context,
    endpoint: new SyncEndpoint(settings, { fetch: endpointServing(bad), timeoutMs: 3_000 }),
    venueId: FUZZ_VENUE_ID,
    observer: { exchanged: () => undefined, failed: (failure: EndpointFailure) => failed.push(failure), dropped: (documents: DroppedDocument[]) => dropped.push(...documents) },
    progress: () => undefined,
    log: (line: string) => opened.logs.push(line),
    backoff: new Backoff({ initialMs: 1, maxMs: 4 }),
    stopping: new Promise<void>(() => undefined),
    pageSize: 1_000,
    doorReady: () => undefined,
    idle: async () => undefined,
  };
  const door = await takeDoorParts(options);
  expectThat(door !== null && door !== 'unsupported', () => `the door's parts were not taken: ${String(door)} ${shortly(opened.logs)}`);
  expectThat(await takeHistory(options, door), () => `the history was not taken: ${shortly(opened.logs)}`);
  return { desk: opened.desk, close: opened.close, held: await heldBy(opened.desk), dropped, failed };
}

/** What a desk holds after its snapshot, as text: memory's records, every pass's state, the ledger's size. */
async function heldBy(desk: Desk): Promise<string> {
  const { memory } = desk.context;
  const states: unknown[] = [];
  for (const pass of [...memory.passes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) states.push(await desk.call('passState', { passId: pass.id }));
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify({
    customers: sorted(memory.customers), products: sorted(memory.products), passes: sorted(memory.passes), sessions: sorted(memory.sessions),
    bookings: sorted(memory.bookings), ledger: sorted(memory.ledger), states, ledgerSize: memory.ledgerSize, arriving: memory.arriving,
  });
}

export async function fuzzSnapshot(options: FuzzOptions): Promise<FuzzReport> {
  const reference = await takeSnapshot(null);
  await reference.close();
  expectThat(reference.dropped.length === 0 && reference.failed.length === 0, () => `the clean snapshot was not clean: ${shortly([reference.dropped, reference.failed])}`);
  let serial = 0;

  const check = async (bad: BadSnapshot): Promise<Refused> => {
    const taken = await takeSnapshot(bad);
    try {
      if (bad.kind === 'extreme') {
        // Issue 12, finding 1: records at every edge are taken, and no stamp moves the desk's clock more than ε.
        expectThat(taken.dropped.length === 0, () => `extreme ${bad.part} records were refused: ${shortly(taken.dropped)}`);
        const { context } = taken.desk;
        const held = bad.part === 'recent' ? context.memory.ledger : context.memory[bad.part];
        for (const record of bad.records) expectThat(held.has(String(record.id)), () => `extreme ${bad.part} ${String(record.id)} is not in the desk's memory`);
        const next = parseHlc(context.nextHlc(context.now())).wallMs;
        expectThat(next <= FUZZ_NOW_MS + CLOCK_SKEW_BOUND_MS, () => `the desk's next stamp is at ${next}, more than ε past its own time ${FUZZ_NOW_MS}`);
        return { error: 'taken' };
      }
      if (bad.kind === 'records') {
        const refusedIds = taken.dropped.filter((one) => one.collection === bad.part && one.reason.length > 0).length;
        expectThat(refusedIds === bad.records.length, () => `${bad.records.map((one) => one.rule).join(', ')}: ${bad.records.length} bad ${bad.part} records, ${refusedIds} refused with a reason: ${shortly(taken.dropped)}`);
      } else {
        expectThat(taken.failed.some((failure) => failure.kind === bad.failure && failure.message.length > 0), () => `${bad.rule} (${bad.request}): no "${bad.failure}" failure: ${shortly(taken.failed)}`);
      }
      expectUnchanged(reference.held, taken.held, `${bad.kind === 'records' ? bad.records.map((one) => one.rule).join(', ') : bad.rule}: what the desk holds`);
    } finally {
      await taken.close();
    }
    return { error: bad.kind === 'records' ? 'dropped' : bad.failure };
  };

  return runFuzz('snapshot', badSnapshot(() => (serial += 1)), check, options);
}
