// Documents arriving by sync, fuzzed through a desk's real pull handling (main/sync/: one
// explicit round, replicateCollection's pull handler, pulledDocuments.ts's screening, the
// guard of local history) against an endpoint that answers with bad pages: documents that
// fail the shared schemas, deletions, ledger entries of another venue or with a bad clock
// stamp, a different entry under an id the desk holds, no objects at all, keys that pollute
// prototypes; and answers that are no pull answer (not JSON, wrong shape, HTTP errors). And
// the live stream's messages (main/sync/liveStream.ts) that are not the protocol. Each bad
// document must be refused with its reason logged (a conflict: both versions logged), each
// bad answer must fail the round with its reason logged, a bad message must become a RESYNC,
// and the desk's collections, venue and memory must be exactly what they were. Beside them,
// pages of records with every field at an edge the schemas allow (extremeDocuments.ts): each
// must be taken and stored, and no stamp may move the desk's clock more than ε past its time.
import fc from 'fast-check';
import type { LedgerEntry } from '../../shared/schema/records';
import type { SyncCollection } from '../../shared/schema/sync';
import { syncCollections } from '../../shared/schema/sync';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { LiveStream } from '../../main/sync/liveStream';
import type { StreamItem } from '../../main/sync/liveStream';
import { jsonText, longString, nested, notOfType, notStorable, pollutingObject, strangeKey } from './badValues';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, expectUnchanged, runFuzz, shortly } from './fuzzRun';
import { FUZZ_NOW_MS, FUZZ_VENUE_ID, fuzzVenue, openFuzzDesk } from './fuzzVenue';
import { extremeRecord } from './extremeDocuments';
import { CLOCK_SKEW_BOUND_MS, parseHlc } from '../../shared/rules/hybridLogicalClock';

const settings: EndpointSettings = { url: 'http://sync-endpoint.fuzz.invalid/', token: 'fuzz-device-token-0123456789' };

/** What the desk must do with a document: refuse it (logged with its id), or keep its own entry (a conflict). */
type Verdict = 'dropped' | 'conflict';
type BadDocument = { rule: string; document: unknown; id: string; verdict: Verdict };

type BadPage = { kind: 'page'; collection: SyncCollection; bad: BadDocument[]; /** Valid documents the desk holds already, unchanged. */ same: number };
type BadAnswer = { kind: 'answer'; collection: SyncCollection; rule: string; status: number; body: string; /** The failure kind the log must name. */ failure: string };
type BadMessages = { kind: 'stream'; messages: string[] };
/** A page of records at the edges the schemas allow (extremeDocuments.ts): each must be taken, and the desk stay on its own clock. */
type ExtremePage = { kind: 'extreme'; collection: SyncCollection; documents: Record<string, unknown>[] };
type BadSync = BadPage | BadAnswer | BadMessages | ExtremePage;

// --- documents --------------------------------------------------------------------------------

type Field = { name: string; bad: () => fc.Arbitrary<unknown>; required: boolean };

const text = (max: number, allowEmpty = false) => () => fc.oneof(notOfType(['string'], 'json'), longString(max + 1), ...(allowEmpty ? [] : [fc.constant('')]));
const instant = () => () => fc.oneof(notOfType(['string'], 'json'), fc.constantFrom('2026-03-10', '2026-03-10T08:00:00', '2026-02-30T08:00:00Z', 'now', ''));

/** A fresh record of each collection (valid; stored if it got through), and what can be wrong in each field. */
function freshRecord(collection: SyncCollection, serial: number): Record<string, unknown> {
  const id = `fuzz-${collection}-${serial}`;
  switch (collection) {
    case 'products': return { id, name: 'Fuzz pack', uses: 5, expiry: { kind: 'relative', days: 30 }, validFor: ['yoga'] };
    case 'customers': return { id, name: 'Fuzz Person', email: 'fuzz@example.com' };
    case 'passes': return { id, customerId: 'c1', productId: 'p10', productName: '10 classes', purchasedAt: '2026-03-01T10:00:00Z', code: `FUZZ-${serial}`, terms: { uses: 10, expiry: { kind: 'none' }, validFor: 'all' } };
    case 'sessions': return { id, name: 'Fuzz class', category: 'yoga', startsAt: '2026-03-10T10:00:00Z', endsAt: '2026-03-10T11:00:00Z' };
    case 'bookings': return { id, sessionId: 's1', customerId: 'c1', passId: 'x1', bookedAt: '2026-03-09T10:00:00Z' };
    case 'ledger': {
      const wallMs = Date.parse('2026-03-10T07:00:00Z') + serial;
      return {
        id, venueId: FUZZ_VENUE_ID, kind: 'check-in', passId: 'x2', customerId: 'c1', sessionId: '', deskId: 'desk-elsewhere', staff: 'Elsewhere', reason: '',
        at: new Date(wallMs).toISOString(), hlc: `${String(wallMs).padStart(15, '0')}:000000:desk-elsewhere`, charged: true, bookingId: '', venueDay: '2026-03-10',
      };
    }
  }
}

const fieldsOf: Record<SyncCollection, Field[]> = {
  products: [
    { name: 'name', bad: text(200), required: true },
    { name: 'uses', bad: () => fc.oneof(notOfType(['number', 'null'], 'json'), fc.constantFrom(0, -1, 1.5, 100_001)), required: true },
    { name: 'expiry', bad: () => fc.oneof(notOfType(['object'], 'json'), fc.constantFrom({ kind: 'weekly' }, { kind: 'fixed', date: '2026-02-30' }, { kind: 'relative', days: 0 }, {})), required: true },
    { name: 'validFor', bad: () => fc.oneof(notOfType(['string', 'array'], 'json'), fc.constantFrom([], [''], 'some')), required: true },
  ],
  customers: [
    { name: 'name', bad: text(200), required: true },
    { name: 'email', bad: () => fc.oneof(notOfType(['string'], 'json'), longString(321)), required: false },
  ],
  passes: [
    { name: 'customerId', bad: text(200), required: true },
    { name: 'productName', bad: text(200), required: true },
    { name: 'purchasedAt', bad: instant(), required: true },
    { name: 'code', bad: () => fc.oneof(notOfType(['string'], 'json'), longString(101)), required: true },
    { name: 'terms', bad: () => fc.oneof(notOfType(['object'], 'json'), fc.constantFrom({ uses: 0, expiry: { kind: 'none' }, validFor: 'all' }, { uses: 1, expiry: { kind: 'none' } })), required: true },
  ],
  sessions: [
    { name: 'category', bad: text(100), required: true },
    { name: 'startsAt', bad: instant(), required: true },
    { name: 'endsAt', bad: instant(), required: true },
  ],
  bookings: [
    { name: 'sessionId', bad: text(200), required: true },
    { name: 'passId', bad: () => fc.oneof(notOfType(['string'], 'json'), fc.constant(''), longString(201)), required: false },
    { name: 'bookedAt', bad: instant(), required: true },
  ],
  ledger: [
    { name: 'venueId', bad: text(200), required: true },
    { name: 'kind', bad: () => fc.oneof(notOfType(['string'], 'json'), fc.constantFrom('checkin', 'delete', '', '__proto__')), required: true },
    { name: 'staff', bad: () => fc.oneof(text(200, true)(), notStorable()), required: true },
    { name: 'at', bad: instant(), required: true },
    { name: 'hlc', bad: () => fc.oneof(notOfType(['string'], 'json'), fc.constantFrom('', '1:2:desk', '001773126000000:000000:', '1773126000000:000000:desk', '001773126000000-000000-desk')), required: true },
    { name: 'charged', bad: () => notOfType(['boolean'], 'json'), required: true },
    { name: 'venueDay', bad: () => fc.oneof(notOfType(['string'], 'json'), fc.constantFrom('2026-3-10', '2026-02-30', '')), required: true },
  ],
};

/** A held record of each collection, as the desk holds it. */
function heldRecords(): Record<SyncCollection, Record<string, unknown>[]> {
  const data = fuzzVenue();
  return { products: data.products, customers: data.customers, passes: data.passes, sessions: data.sessions, bookings: data.bookings, ledger: data.ledger };
}

function badDocument(collection: SyncCollection, serial: () => number): fc.Arbitrary<BadDocument> {
  const fresh = () => freshRecord(collection, serial());
  const dropped = (rule: string, document: Record<string, unknown>): BadDocument => ({ rule, document, id: String(document.id), verdict: 'dropped' });
  const held = heldRecords()[collection];
  const options: fc.Arbitrary<BadDocument>[] = [
    fc.constantFrom(...fieldsOf[collection]).chain((field) => field.bad().map((value) => dropped(`a bad ${field.name}`, Object.defineProperty(fresh(), field.name, { value, enumerable: true, writable: true, configurable: true })))),
    fc.constantFrom(...fieldsOf[collection].filter((field) => field.required)).map((field) => {
      const document = fresh();
      delete document[field.name];
      return dropped(`no ${field.name}`, document);
    }),
    fc.tuple(strangeKey(['id', ...Object.keys(freshRecord(collection, 0)), '_deleted']), fc.oneof(fc.jsonValue({ maxDepth: 2 }), nested(), pollutingObject()))
      .map(([key, value]) => dropped('a key that is no field', Object.defineProperty(fresh(), key, { value, enumerable: true, writable: true, configurable: true }))),
    fc.oneof(fc.constant(''), longString(201), notOfType(['string'], 'json')).map((id) => ({ rule: 'a bad id', document: { ...fresh(), id }, id: typeof id === 'string' ? id.slice(0, 200) : '(no id)', verdict: 'dropped' as const })),
    // A deletion of what the desk holds: desks never delete.
    fc.tuple(fc.constantFrom(...held), fc.constantFrom<unknown>(true, 'true', 1, null)).map(([record, deleted]) => ({ rule: 'a deletion', document: { ...record, _deleted: deleted }, id: String(record.id), verdict: 'dropped' as const })),
    fc.oneof(notOfType(['object'], 'json'), nested()).map((document) => ({ rule: 'a document that is no object (or nothing but depth)', document, id: '(no id)', verdict: 'dropped' as const })),
  ];
  if (collection === 'ledger') {
    options.push(
      fc.constantFrom('another-venue', `${FUZZ_VENUE_ID} `, 'FUZZ-VENUE').map((venueId) => dropped('an entry of another venue', { ...fresh(), venueId })),
      fc.tuple(fc.constantFrom(...(held as LedgerEntry[])), fc.constantFrom('staff', 'reason', 'at', 'charged', 'hlc'), fc.string({ minLength: 1, maxLength: 6 }).filter((extra) => !/[\r\n\u2028\u2029]/.test(extra)))
        .filter(([entry, field]) => field in entry).map(([entry, field, extra]) => {
        const changed: Record<string, unknown> = { ...entry };
        changed[field] = field === 'at' ? '2026-03-01T00:00:00Z' : field === 'charged' ? !(entry as { charged?: boolean }).charged : field === 'hlc' ? `001770000000000:000001:${extra}` : `${String(changed[field])}${extra}`;
        return { rule: `a different entry under a held id (${field})`, document: changed, id: entry.id, verdict: 'conflict' as const };
      }),
    );
  }
  return fc.oneof(...options);
}

function badPage(serial: () => number): fc.Arbitrary<BadPage> {
  return fc.constantFrom(...syncCollections).chain((collection) => fc.record({
    collection: fc.constant(collection),
    bad: fc.array(badDocument(collection, serial), { minLength: 1, maxLength: 6 }),
    same: fc.nat({ max: 2 }),
  })).map((page): BadPage => ({ kind: 'page', ...page }));
}

const badAnswer = (): fc.Arbitrary<BadAnswer> => fc.tuple(fc.constantFrom(...syncCollections), fc.oneof(
  fc.oneof(
    notOfType(['object'], 'json').map((value) => jsonText(value)),
    notOfType(['array'], 'json').map((documents) => jsonText({ documents, checkpoint: null })),
    fc.oneof(notOfType(['object', 'null'], 'json'), fc.constantFrom({ seq: -1, id: 'x' }, { seq: 1.5, id: 'x' }, { seq: '1', id: 'x' }, { seq: 1 }, { seq: 1, id: 'x', more: true })).map((checkpoint) => jsonText({ documents: [], checkpoint })),
  ).map((body) => ({ rule: 'an answer that is no pull answer', status: 200, body, failure: 'bad-answer' })),
  fc.string({ maxLength: 30 }).filter((body) => { try { JSON.parse(body); return body === ''; } catch { return true; } }).map((body) => ({ rule: 'an answer that is not JSON', status: 200, body: body === '' ? 'OK' : body, failure: 'bad-answer' })),
  fc.tuple(fc.constantFrom(500, 502, 503), fc.constantFrom('', '{"error":"internal","message":"boom"}', '<html>bad gateway</html>')).map(([status, body]) => ({ rule: 'the endpoint failing', status, body, failure: 'server-error' })),
  fc.constantFrom(401, 403).map((status) => ({ rule: 'the token refused', status, body: '{"error":"token-revoked","message":"revoked"}', failure: 'refused' })),
  fc.constantFrom(400, 404, 413).map((status) => ({ rule: 'the request refused', status, body: '{"error":"invalid-query","message":"bad"}', failure: 'rejected' })),
  // A 4xx without a code of the sync contract is not the endpoint speaking (a proxy, a portal):
  // the desk sorts by code, never by status (shared/sync/syncRequest.ts failureOfAnswer).
  fc.tuple(fc.constantFrom(400, 401, 403, 404, 413, 429), fc.constantFrom('', 'nope', '{"error":"no-such-code"}')).map(([status, body]) => ({ rule: 'a refusal without a code', status, body, failure: 'bad-answer' })),
)).map(([collection, answer]): BadAnswer => ({ kind: 'answer', collection, ...answer }));

/** Live stream messages that are not the protocol. */
const badMessages = (): fc.Arbitrary<BadMessages> => fc.array(fc.oneof(
  // (An empty message is no event at all in Server-Sent Events.)
  fc.string({ minLength: 1, maxLength: 40 }).filter((text) => !/^\s*\{/.test(text)),
  notOfType(['object'], 'json').map((value) => jsonText(value)),
  fc.constantFrom('{"kind":"changes"}', '{"kind":"changes","collection":"__proto__","documents":[],"checkpoint":{"seq":1,"id":"x"}}', '{"kind":"changes","collection":"ledger","documents":{},"checkpoint":{"seq":1,"id":"x"}}',
    '{"kind":"changes","collection":"ledger","documents":[],"checkpoint":{"seq":-1,"id":"x"}}', '{"kind":"Resync"}', '{"kind":"delete","collection":"ledger"}', '{"__proto__":{"kind":"resync"}}', '{"kind":["resync"]}'),
  nested().map((value) => jsonText({ kind: 'changes', collection: 'ledger', documents: [], checkpoint: value })),
), { minLength: 1, maxLength: 5 }).map((messages): BadMessages => ({ kind: 'stream', messages }));

const extremePage = (serial: () => number): fc.Arbitrary<ExtremePage> => fc.constantFrom(...syncCollections).chain((collection) =>
  fc.array(extremeRecord(collection, FUZZ_VENUE_ID, FUZZ_NOW_MS, serial), { minLength: 1, maxLength: 5 }).map((documents): ExtremePage => ({ kind: 'extreme', collection, documents })));

export const badSync = (serial: () => number): fc.Arbitrary<BadSync> => fc.oneof(
  { weight: 6, arbitrary: badPage(serial) },
  { weight: 2, arbitrary: badAnswer() },
  { weight: 1, arbitrary: badMessages() },
  { weight: 3, arbitrary: extremePage(serial) },
);

// --- the endpoint that answers with them -----------------------------------------------------

function jsonResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

/** An endpoint with nothing new, except what the run serves on the first pull of its collection. */
function endpointServing(first: { collection: SyncCollection; status: number; body: string } | null): FetchFunction {
  let served = false;
  return async (url, init) => {
    const path = new URL(url).pathname;
    if ((init.method ?? 'GET') === 'POST' && path.endsWith('/sync/ledger/push')) return jsonResponse('{"conflicts":[]}');
    const pull = /\/sync\/([a-z]+)\/pull$/.exec(path);
    if (pull && first && pull[1] === first.collection && !served) {
      served = true;
      return jsonResponse(first.body, first.status);
    }
    if (pull) return jsonResponse('{"documents":[],"checkpoint":null}');
    return jsonResponse('{"error":"not-found","message":"no such route in the fuzz endpoint"}', 404);
  };
}

/** An SSE answer with one event per message (a line break inside a message is a new data line). */
function eventStream(messages: readonly string[]): Response {
  const text = messages.map((message) => `${message.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`).join('');
  return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function fuzzSync(options: FuzzOptions): Promise<FuzzReport> {
  const opened = await openFuzzDesk();
  let serial = 0;
  let checkpoint = 0;
  // A first round against an endpoint with nothing new: the desk's own writes are pushed and acknowledged.
  const first = await opened.desk.sync.syncRound(settings, endpointServing(null));
  if (!first.ok) throw new Error(`the first round failed: ${first.problem}`);

  const checkPage = async (page: BadPage): Promise<Refused> => {
    checkpoint += 10;
    const held = heldRecords()[page.collection].slice(0, page.same);
    const documents = [...page.bad.map((bad) => bad.document), ...held.map((record) => ({ ...record, _deleted: false }))];
    const logged = opened.logs.length;
    const round = await opened.desk.sync.syncRound(settings, endpointServing({ collection: page.collection, status: 200, body: jsonText({ documents, checkpoint: { seq: checkpoint, id: 'fuzz' } }) }));
    const lines = opened.logs.slice(logged);
    expectThat(round.ok, () => `a page of bad ${page.collection} failed the round: ${round.ok ? '' : round.problem} ${shortly(lines)}`);
    for (const bad of page.bad) {
      const said = bad.verdict === 'dropped'
        ? lines.some((line) => line.startsWith(`sync: refused ${page.collection} document ${bad.id} from the endpoint: `) && line.length > `sync: refused ${page.collection} document ${bad.id} from the endpoint: `.length)
        : lines.some((line) => line.startsWith(`sync: ledger entry ${bad.id} conflicts with the endpoint's (found on pull)`));
      expectThat(said, () => `${bad.rule}: ${page.collection} ${bad.id} was not ${bad.verdict === 'dropped' ? 'refused with its reason' : 'logged as a conflict'}: ${shortly(lines)}`);
    }
    return { error: page.bad.every((bad) => bad.verdict === 'conflict') ? 'conflict' : 'dropped' };
  };

  const checkAnswer = async (answer: BadAnswer): Promise<Refused> => {
    const logged = opened.logs.length;
    const round = await opened.desk.sync.syncRound(settings, endpointServing({ collection: answer.collection, status: answer.status, body: answer.body }));
    const lines = opened.logs.slice(logged);
    expectThat(!round.ok, () => `${answer.rule}: the round went through`);
    expectThat(lines.some((line) => line.startsWith(`sync: ${answer.failure}: `)), () => `${answer.rule}: no "${answer.failure}" in the log: ${shortly(lines)}`);
    return { error: answer.failure };
  };

  const checkStream = async (bad: BadMessages): Promise<Refused> => {
    const logs: string[] = [];
    const endpoint = new SyncEndpoint(settings);
    let connections = 0;
    const stream = new LiveStream(endpoint, {
      fetch: async () => {
        connections += 1;
        // One connection with the messages; a reconnect finds the endpoint gone.
        if (connections > 1) throw new TypeError('fetch failed');
        return eventStream(bad.messages);
      },
      log: (line) => logs.push(line),
      opened: () => undefined,
      closed: () => undefined,
      resyncEveryMs: 0,
    });
    const items: { collection: SyncCollection; item: StreamItem }[] = [];
    const subscriptions = syncCollections.map((collection) => stream.itemsFor(collection).subscribe((item) => items.push({ collection, item })));
    try {
      stream.start();
      // The connect's RESYNC, then one for each message, on every collection.
      const expected = (1 + bad.messages.length) * syncCollections.length;
      await waitFor('every message as a RESYNC', () => items.length >= expected);
      expectThat(items.length === expected && items.every(({ item }) => item === 'RESYNC'), () => `a message became something other than a RESYNC: ${shortly(items)}`);
      const notUnderstood = logs.filter((line) => line.startsWith('sync: a live stream message was not understood; pulling again'));
      expectThat(notUnderstood.length === bad.messages.length, () => `${bad.messages.length} messages, ${notUnderstood.length} logged: ${shortly(logs)}`);
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
      stream.close();
    }
    return { error: 'resync' };
  };

  // Issue 12, finding 1: one entry with an extreme stamp stopped every desk. Records at every
  // edge the schemas allow are taken and stored, and no stamp moves the desk's clock more than
  // ε past its own time.
  const checkExtreme = async (page: ExtremePage): Promise<Refused> => {
    checkpoint += 10;
    const logged = opened.logs.length;
    const documents = page.documents.map((document) => ({ ...document, _deleted: false }));
    const round = await opened.desk.sync.syncRound(settings, endpointServing({ collection: page.collection, status: 200, body: jsonText({ documents, checkpoint: { seq: checkpoint, id: 'fuzz' } }) }));
    const lines = opened.logs.slice(logged);
    expectThat(round.ok, () => `a page of extreme ${page.collection} failed the round: ${round.ok ? '' : round.problem} ${shortly(lines)}`);
    const { context } = opened.desk;
    for (const document of page.documents) {
      const id = String(document.id);
      expectThat(!lines.some((line) => line.startsWith(`sync: refused ${page.collection} document ${id} `)), () => `extreme ${page.collection} ${id} was refused: ${shortly(lines)}`);
      expectThat(context.memory[page.collection].has(id), () => `extreme ${page.collection} ${id} is not in the desk's memory`);
    }
    const next = parseHlc(context.nextHlc(context.now()));
    expectThat(next.wallMs <= FUZZ_NOW_MS + CLOCK_SKEW_BOUND_MS, () => `the desk's next stamp is at ${next.wallMs}, more than ε past its own time ${FUZZ_NOW_MS}`);
    return { error: 'taken' };
  };

  const check = async (bad: BadSync): Promise<Refused> => {
    if (bad.kind === 'extreme') return checkExtreme(bad);
    const before = await opened.snapshot();
    const verdict = bad.kind === 'page' ? await checkPage(bad) : bad.kind === 'answer' ? await checkAnswer(bad) : await checkStream(bad);
    expectUnchanged(before, await opened.snapshot(), `${bad.kind === 'page' ? bad.bad.map((each) => each.rule).join(', ') : bad.kind === 'answer' ? bad.rule : 'stream messages'}: the desk`);
    return verdict;
  };

  try {
    return await runFuzz('sync', badSync(() => (serial += 1)), check, options);
  } finally {
    await opened.close();
  }
}
