// Every HTTP endpoint of the sync server fuzzed through Fastify's `inject` (the whole request
// path: routing, content-type parsers, body limits, hooks, handlers, the error boundary) on
// PGlite in memory: tokens of every wrong shape, unknown and read-only collections, pull
// queries out of range or with keys too many, push bodies that are not JSON, not the protocol,
// or carry one bad ledger entry among good ones, entries of another venue or under an id that
// holds another entry, admin bodies and ids that are wrong, unknown routes and methods, URLs
// that cannot be decoded. Each must be answered 4xx with the endpoint's error code and a
// message naming what is wrong (a conflict: 200 with the stored entry), and the server's
// venues, devices, documents, pass summaries and change sequence must be exactly what they were.
// Snapshot pages: unknown parts, every query field bad in turn, `since` missing, misplaced, no
// day or too far back, history cursors the endpoint never wrote, seqs it has not reached.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { snapshotParts, syncCollections } from '../../shared/schema/sync';
import { addDays } from '../../shared/rules/venueTime';
import { historyPosition } from '../../server/sync/historyCursor';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { csvCollections } from '../../server/import/csvImport';
import { addStaff } from '../../server/db/staff';
import { hashStaffPin } from '../../server/auth/pinHashing';
import { isStorableText } from '../../shared/schema/records';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/schema/jsonDepth';
import type { Wire } from './badValues';
import { Nested, jsonText, longString, nested, notOfType, notStorable, pollutingObject, strangeKey } from './badValues';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, expectUnchanged, runFuzz, shortly } from './fuzzRun';
import { FUZZ_NOW_MS, FUZZ_VENUE_ID, fuzzVenue, fuzzVenueFile } from './fuzzVenue';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdefghijklmnop';
const OTHER_VENUE_ID = 'other-venue';
const FUZZ_STAFF_NAME = 'Fuzz Manager';
/** Small limits, so that a body over them is cheap to make. */
export const fuzzBodyLimits = { push: 64 * 1024, import: 256 * 1024, other: 16 * 1024 };

/** A token by role, resolved when the request is sent (the arbitraries run before the server exists). */
type Credential = 'device' | 'revoked' | 'admin';
type Authorization =
  | { kind: 'absent' }
  | { kind: 'raw'; header: string }
  /** `Bearer ` + text around a real token: `${before}${token}${after}`. */
  | { kind: 'bearer'; credential: Credential | null; before: string; after: string };

type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string };

type Expectation = {
  status: number;
  error: readonly string[];
  /** A field, key or place a problem (or the message) must name. */
  names?: string;
  /** A push answered with the stored entry under this id. */
  conflict?: string;
};

export type BadRequest = {
  rule: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
  url: string;
  authorization: Authorization;
  contentType?: string;
  body?: Body;
  expect: Expectation;
};

// --- authorization --------------------------------------------------------------------------

/** What Node's HTTP parser lets through in a header value. */
const headerText = (maxLength = 40) => fc.string({ maxLength, unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });
const tokenText = () => fc.string({ minLength: 1, maxLength: 80, unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) });

/** Authorization that carries no token at all (`Bearer <one word>` is the only shape). */
const noToken = (): fc.Arbitrary<Authorization> => fc.oneof(
  fc.constant<Authorization>({ kind: 'absent' }),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Token abc', 'abc', 'Bearer a b', 'Bearer\ttoo many words here', 'BearerX abc')
    .map((header): Authorization => ({ kind: 'raw', header })),
  headerText().filter((header) => !/^Bearer\s+\S+\s*$/i.test(header)).map((header): Authorization => ({ kind: 'raw', header })),
  fc.tuple(fc.constantFrom<Credential>('device', 'admin'), fc.constantFrom('Token ', 'Basic ', '', 'Bearer: ', 'Bearer x '))
    .map(([credential, before]): Authorization => ({ kind: 'bearer', credential, before: `\u0000${before}`, after: '' })),
);

/** A word after Bearer that is not the token `credential` wants. */
function wrongToken(wanted: 'device' | 'admin'): fc.Arbitrary<Authorization> {
  const other: Credential = wanted === 'device' ? 'admin' : 'device';
  return fc.oneof(
    tokenText().map((word): Authorization => ({ kind: 'bearer', credential: null, before: word, after: '' })),
    fc.constant<Authorization>({ kind: 'bearer', credential: other, before: '', after: '' }),
    fc.tuple(fc.constantFrom<Credential>(wanted), tokenText()).chain(([credential, extra]) => fc.constantFrom<Authorization>(
      { kind: 'bearer', credential, before: '', after: extra },
      { kind: 'bearer', credential, before: extra, after: '' },
    )),
    fc.integer({ min: 200, max: 8_000 }).map((length): Authorization => ({ kind: 'bearer', credential: null, before: 'T'.repeat(length), after: '' })),
  );
}

// --- the routes -----------------------------------------------------------------------------

type Route = { method: BadRequest['method']; url: string; auth: 'device' | 'admin'; body?: Body; contentType?: string };

/** A fresh, valid ledger entry of the fuzz venue: valid alone, so that only what is broken in it is. */
export function freshEntry(serial: number, venueId = FUZZ_VENUE_ID): Record<string, unknown> {
  const wallMs = Date.parse('2026-03-10T08:00:00Z') + serial;
  return {
    id: `fuzz-entry-${serial}`, venueId, kind: 'check-in', passId: 'x1', customerId: 'c1', sessionId: '', deskId: 'desk-fuzz', staff: 'Fuzz', reason: '',
    at: new Date(wallMs).toISOString(), hlc: `${String(wallMs).padStart(15, '0')}:000000:desk-fuzz`, charged: true, bookingId: '', venueDay: '2026-03-10',
  };
}

const pushOf = (...entries: Record<string, unknown>[]) => ({ rows: entries.map((entry) => ({ newDocumentState: { _deleted: false, ...entry } })) });

/** One request of each route of the contract (shared/schema/syncContract.ts) that takes a device or admin token. */
export const routes = (): Route[] => [
  { method: 'GET', url: '/sync/hello', auth: 'device' },
  { method: 'GET', url: '/sync/ledger/pull?seq=0&limit=5', auth: 'device' },
  { method: 'GET', url: '/sync/customers/pull', auth: 'device' },
  { method: 'POST', url: '/sync/ledger/push', auth: 'device', body: { kind: 'json', value: pushOf(freshEntry(1)) } },
  { method: 'GET', url: '/sync/stream', auth: 'device' },
  { method: 'GET', url: '/sync/snapshot', auth: 'device' },
  { method: 'GET', url: '/sync/snapshot/customers?seq=0', auth: 'device' },
  { method: 'GET', url: `/sync/snapshot/recent?seq=0&since=${FUZZ_YESTERDAY}`, auth: 'device' },
  { method: 'GET', url: '/sync/snapshot/history/bundles?seq=0', auth: 'device' },
  { method: 'GET', url: `/sync/snapshot/recent/bundles?seq=0&since=${FUZZ_YESTERDAY}`, auth: 'device' },
  { method: 'GET', url: '/sync/staff', auth: 'device' },
  { method: 'POST', url: `/admin/venues/${FUZZ_VENUE_ID}/staff`, auth: 'admin', body: { kind: 'json', value: { name: 'New Person', role: 'door', pin: '1234' } } },
  { method: 'GET', url: `/admin/venues/${FUZZ_VENUE_ID}/staff`, auth: 'admin' },
  { method: 'GET', url: `/admin/venues/${FUZZ_VENUE_ID}/audit`, auth: 'admin' },
  { method: 'POST', url: `/admin/venues/${FUZZ_VENUE_ID}/staff/${encodeURIComponent(FUZZ_STAFF_NAME)}`, auth: 'admin', body: { kind: 'json', value: { role: 'door' } } },
  { method: 'POST', url: '/admin/venues', auth: 'admin', body: { kind: 'json', value: { id: 'new-venue', timeZone: 'Europe/Paris' } } },
  { method: 'GET', url: '/admin/venues', auth: 'admin' },
  { method: 'POST', url: `/admin/venues/${FUZZ_VENUE_ID}/devices`, auth: 'admin', body: { kind: 'json', value: { name: 'new desk' } } },
  { method: 'GET', url: `/admin/venues/${FUZZ_VENUE_ID}/devices`, auth: 'admin' },
  { method: 'POST', url: '/admin/devices/revoke', auth: 'admin', body: { kind: 'json', value: { device: 'dev-x' } } },
  { method: 'POST', url: `/admin/venues/${FUZZ_VENUE_ID}/import`, auth: 'admin', body: { kind: 'json', value: fuzzVenueFile() } },
  { method: 'POST', url: `/admin/venues/${FUZZ_VENUE_ID}/import`, auth: 'admin', contentType: 'text/csv', body: { kind: 'text', text: 'id,name,email\nc9,New Customer,\n' } },
];

const deviceAuth: Authorization = { kind: 'bearer', credential: 'device', before: '', after: '' };
const adminAuth: Authorization = { kind: 'bearer', credential: 'admin', before: '', after: '' };

function badAuthorization(): fc.Arbitrary<BadRequest> {
  return fc.constantFrom(...routes()).chain((route) => {
    const missing = route.auth === 'device' ? 'missing-token' : 'admin-token-required';
    const wrong = route.auth === 'device' ? 'invalid-token' : 'invalid-admin-token';
    const cases: fc.Arbitrary<{ authorization: Authorization; error: string }>[] = [
      noToken().map((authorization) => ({ authorization, error: missing })),
      wrongToken(route.auth).map((authorization) => ({ authorization, error: wrong })),
    ];
    if (route.auth === 'device') cases.push(fc.constant({ authorization: { kind: 'bearer', credential: 'revoked', before: '', after: '' } as Authorization, error: 'token-revoked' }));
    return fc.oneof(...cases).map(({ authorization, error }): BadRequest => ({
      rule: `a request with no good token (${route.method} ${route.url.split('?')[0]})`,
      method: route.method, url: route.url, authorization, ...(route.body ? { body: route.body } : {}), ...(route.contentType ? { contentType: route.contentType } : {}),
      expect: { status: 401, error: [error] },
    }));
  });
}

// --- pulls ----------------------------------------------------------------------------------

/** encodeURIComponent throws on half a surrogate pair: such text cannot be put in a URL. */
const hasLoneSurrogate = (text: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
const inUrl = (text: string) => !hasLoneSurrogate(text) && !text.includes('/') && text !== '.' && text !== '..';

const notACollection = (): fc.Arbitrary<string> => fc.oneof(
  strangeKey(),
  fc.constantFrom(...syncCollections).chain((name) => fc.constantFrom(name.toUpperCase(), `${name} `, `${name}s`, name.slice(0, -1), `${name}\u0000`, `../${name}`)),
).filter((name) => !(syncCollections as readonly string[]).includes(name) && inUrl(name));

const notANumber = (): fc.Arbitrary<string> => fc.string({ minLength: 1, maxLength: 12 }).filter((text) => Number.isNaN(Number(text)));

/** A query value that is no whole number in [min, max] once coerced (Number('') is 0, Number('1e3') is 1000). */
const badWholeNumber = (min: number, max: number): fc.Arbitrary<string> => fc.oneof(
  fc.integer({ max: min - 1 }).map(String),
  max < 2 ** 31 - 1 ? fc.integer({ min: max + 1 }).map(String) : fc.constantFrom('9007199254740993', '1e20', '99999999999999999999'),
  fc.double({ min, max, noInteger: true, noNaN: true }).map(String),
  notANumber(),
  fc.constantFrom('Infinity', '-Infinity', '1e400', '9007199254740993', 'NaN', '1.5', '-0.5'),
);

type QueryPart = [string, string];

function badPull(): fc.Arbitrary<BadRequest> {
  const pull = (rule: string, collection: string, parts: QueryPart[], expect: Expectation): BadRequest => ({
    rule, method: 'GET', authorization: deviceAuth, expect,
    url: `/sync/${encodeURIComponent(collection)}/pull${parts.length > 0 ? `?${parts.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}` : ''}`,
  });
  return fc.oneof(
    notACollection().map((collection) => pull('an unknown collection', collection, [], { status: 404, error: ['unknown-collection'] })),
    fc.tuple(fc.constantFrom(...syncCollections), fc.oneof(
      badWholeNumber(0, Number.MAX_SAFE_INTEGER).map((value): { part: QueryPart; names: string } => ({ part: ['seq', value], names: 'seq' })),
      badWholeNumber(1, 10_000).map((value): { part: QueryPart; names: string } => ({ part: ['limit', value], names: 'limit' })),
      longString(201, 400).map((value): { part: QueryPart; names: string } => ({ part: ['id', value], names: 'id' })),
      fc.tuple(strangeKey(['seq', 'id', 'limit']).filter((key) => key !== '' && inUrl(key)), fc.string({ maxLength: 10 })).map(([key, value]): { part: QueryPart; names: string } => ({ part: [key, value], names: key })),
    ), fc.constantFrom('none', 'twice')).map(([collection, bad, repeat]) => {
      const parts: QueryPart[] = repeat === 'twice' && ['seq', 'limit', 'id'].includes(bad.part[0]) ? [[bad.part[0], '1'], bad.part] : [bad.part];
      return pull(repeat === 'twice' ? 'a query field given twice or bad' : 'a bad query field', collection, parts, { status: 400, error: ['invalid-query'], names: bad.names });
    }),
  );
}

// --- snapshot pages -------------------------------------------------------------------------

/** The fuzz server's clock is the fuzz venue's (FUZZ_NOW_MS): 10 March in London. */
const FUZZ_TODAY = '2026-03-10';
const FUZZ_YESTERDAY = addDays(FUZZ_TODAY, -1);

const notAPart = (): fc.Arbitrary<string> => fc.oneof(
  strangeKey(),
  fc.constantFrom(...snapshotParts).chain((name) => fc.constantFrom(name.toUpperCase(), `${name} `, `${name}s`, name.slice(0, -1), `${name}\u0000`)),
  fc.constantFrom('ledger', 'pull', 'push', 'stream', 'hello'),
).filter((name) => !(snapshotParts as readonly string[]).includes(name) && name !== '' && inUrl(name));

function badSnapshot(): fc.Arbitrary<BadRequest> {
  const page = (rule: string, part: string, parts: QueryPart[], expect: Expectation): BadRequest => ({
    rule, method: 'GET', authorization: deviceAuth, expect,
    url: `/sync/snapshot/${encodeURIComponent(part)}${parts.length > 0 ? `?${parts.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}` : ''}`,
  });
  /** A query the part accepts, at seq 0. */
  const good = (part: string): QueryPart[] => (part === 'recent' ? [['seq', '0'], ['since', FUZZ_YESTERDAY]] : [['seq', '0']]);
  const invalidQuery = (names: string): Expectation => ({ status: 400, error: ['invalid-query'], names });
  type Bad = { part: QueryPart; names: string };
  return fc.oneof(
    notAPart().map((part) => page('an unknown snapshot part', part, [['seq', '0']], { status: 404, error: ['unknown-part'] })),
    // One field of a good query bad, in place of the good one or beside it.
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...snapshotParts), fc.oneof(
      badWholeNumber(0, Number.MAX_SAFE_INTEGER).map((value): Bad => ({ part: ['seq', value], names: 'seq' })),
      badWholeNumber(1, 10_000).map((value): Bad => ({ part: ['limit', value], names: 'limit' })),
      longString(1_001, 1_200).map((value): Bad => ({ part: ['after', value], names: 'after' })),
      notStorable().filter((text) => !hasLoneSurrogate(text)).map((value): Bad => ({ part: ['after', value], names: 'after' })),
      fc.tuple(strangeKey(['seq', 'after', 'limit', 'since']).filter((key) => key !== '' && inUrl(key)), fc.string({ maxLength: 10 })).map(([key, value]): Bad => ({ part: [key, value], names: key })),
    ), fc.constantFrom('instead', 'twice')).map(([part, bad, how]) => {
      const kept = good(part).filter(([key]) => key !== bad.part[0]);
      const again: QueryPart[] = how === 'twice' ? good(part).filter(([key]) => key === bad.part[0]) : [];
      return page(how === 'twice' ? 'a snapshot query field given twice or bad' : 'a bad snapshot query field', part, [...kept, ...again, bad.part], invalidQuery(bad.names));
    }) },
    fc.constant(page('recent without since', 'recent', [['seq', '0']], invalidQuery('since'))),
    fc.oneof(
      fc.constantFrom('2026-02-30', '2026-3-10', '10/03/2026', '', 'yesterday', `${FUZZ_TODAY}T00:00:00Z`, '+2026-03-10'),
      fc.integer({ min: 8, max: 20_000 }).map((days) => addDays(FUZZ_TODAY, -days)),
    ).map((since) => page('recent since no day, or too far back', 'recent', [['seq', '0'], ['since', since]], invalidQuery('since'))),
    fc.constantFrom(...snapshotParts.filter((part) => part !== 'recent')).map((part) => page('since on a part other than recent', part, [['seq', '0'], ['since', FUZZ_YESTERDAY]], invalidQuery('since'))),
    fc.string({ maxLength: 30 }).filter((after) => after !== '' && historyPosition(after) === null && !hasLoneSurrogate(after))
      .map((after) => page('a history after the endpoint never gave', 'history', [['seq', '0'], ['after', after]], invalidQuery('after'))),
    fc.tuple(fc.constantFrom(...snapshotParts), fc.integer({ min: 1_000_000, max: Number.MAX_SAFE_INTEGER }))
      .map(([part, seq]) => page('a seq the endpoint has not reached', part, [...good(part).filter(([key]) => key !== 'seq'), ['seq', String(seq)]], { status: 409, error: ['snapshot-seq-ahead'] })),
  );
}

// --- pushes ---------------------------------------------------------------------------------

type LedgerField = { field: string; bad: fc.Arbitrary<unknown> };

/** What is wrong with each field of a ledger entry (a check-in) beyond its type. */
const ledgerFields = (wire: Wire): LedgerField[] => {
  const text = (max: number, allowEmpty: boolean) => fc.oneof(notOfType(['string'], wire), longString(max + 1), notStorable(), ...(allowEmpty ? [] : [fc.constant('')]));
  const instant = fc.oneof(notOfType(['string'], wire), fc.constantFrom('2026-03-10', '2026-03-10T08:00:00', '2026-02-30T08:00:00Z', 'yesterday', '', '2026-03-10T25:00:00Z'), notStorable());
  return [
    { field: 'id', bad: text(200, false) },
    { field: 'venueId', bad: fc.oneof(notOfType(['string'], wire), fc.constant(''), longString(201)) },
    { field: 'kind', bad: fc.oneof(notOfType(['string'], wire), fc.constantFrom('checkin', 'Check-in', 'delete', '', '__proto__')) },
    { field: 'passId', bad: fc.oneof(notOfType(['string'], wire), longString(201), notStorable()) },
    { field: 'customerId', bad: text(200, false) },
    { field: 'sessionId', bad: fc.oneof(notOfType(['string'], wire), longString(201), notStorable()) },
    { field: 'deskId', bad: fc.oneof(text(200, false), fc.constantFrom('desk\nA', 'desk\u2028A', 'desk\u0001', 'desk\u0085')) },
    { field: 'staff', bad: text(200, true) },
    { field: 'reason', bad: text(500, true) },
    { field: 'at', bad: instant },
    { field: 'hlc', bad: fc.oneof(notOfType(['string'], wire), fc.constantFrom('', '1:2:desk', '001773129600000:000000:', '01773129600000:000000:desk', '001773129600000-000000-desk', 'x01773129600000:000000:desk', '001773129600000:000000:desk\nA', '001773129600000:000000:desk\u0001'), notStorable()) },
    { field: 'charged', bad: notOfType(['boolean'], wire) },
    { field: 'bookingId', bad: fc.oneof(notOfType(['string'], wire), longString(201), notStorable()) },
    { field: 'venueDay', bad: fc.oneof(notOfType(['string'], wire), fc.constantFrom('2026-3-10', '2026-02-30', '10/03/2026', '', '2026-03-10T00:00:00Z')) },
  ];
};

function badPush(serials: () => number): fc.Arbitrary<BadRequest> {
  const push = (rule: string, body: Body | undefined, expect: Expectation, extra: Partial<BadRequest> = {}): BadRequest => ({
    rule, method: 'POST', url: '/sync/ledger/push', authorization: deviceAuth, contentType: 'application/json', ...(body ? { body } : {}), expect, ...extra,
  });
  const goodOnes = fc.integer({ min: 0, max: 3 }).map((count) => Array.from({ length: count }, () => freshEntry(serials())));
  const invalidDocument = (names: string): Expectation => ({ status: 400, error: ['invalid-document'], names });
  return fc.oneof(
    notACollection().map((collection) => push('a push to an unknown collection', { kind: 'json', value: pushOf(freshEntry(serials())) }, { status: 404, error: ['unknown-collection'] }, { url: `/sync/${encodeURIComponent(collection)}/push` })),
    fc.constantFrom(...syncCollections.filter((name) => name !== 'ledger')).map((collection) => push('a push to a read-only collection', { kind: 'json', value: pushOf(freshEntry(serials())) }, { status: 405, error: ['read-only-collection'] }, { url: `/sync/${collection}/push` })),
    // Not JSON, cut short, empty, poisoned.
    fc.oneof(
      fc.string({ maxLength: 40 }).filter((text) => { try { JSON.parse(text); return false; } catch { return true; } }),
      fc.nat().map((cut) => { const text = JSON.stringify(pushOf(freshEntry(0))); return text.slice(0, cut % text.length); }),
      fc.constantFrom('{"rows":[],"__proto__":{"polluted":true}}', '{"rows":[{"newDocumentState":{"constructor":{"prototype":{"polluted":true}}}}]}', '{"rows":[]}garbage', '{"rows":[],}', "{'rows':[]}"),
    ).map((text) => push('a body that is not JSON', { kind: 'text', text }, { status: 400, error: ['invalid-json'] })),
    fc.integer({ min: 1, max: 3 }).map((times) => push('a body over the limit', { kind: 'text', text: JSON.stringify({ rows: [], padding: 'x'.repeat(fuzzBodyLimits.push * times) }) }, { status: 413, error: ['body-too-large'] })),
    fc.constantFrom('application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/jsonx')
      .map((contentType) => push('a body of another type', { kind: 'text', text: JSON.stringify(pushOf(freshEntry(serials()))) }, { status: 415, error: ['unsupported-media-type'] }, { contentType })),
    // Fastify reads text/plain (and the app CSV) as text: the push is then no object.
    fc.constantFrom('text/plain', 'text/csv', 'text/plain; charset=utf-8')
      .map((contentType) => push('a push as text', { kind: 'text', text: JSON.stringify(pushOf(freshEntry(serials()))) }, { status: 400, error: ['invalid-body'] }, { contentType })),
    // JSON that is not the protocol.
    fc.oneof(
      notOfType(['object'], 'json').map((value) => ({ value, names: '' })),
      notOfType(['array'], 'json').map((rows) => ({ value: { rows }, names: 'rows' })),
      fc.tuple(strangeKey(['rows']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({ rows: [] }, key, { value, enumerable: true }), names: key })),
      notOfType(['object'], 'json').map((row) => ({ value: { rows: [row] }, names: 'rows[0]' })),
      notOfType(['object'], 'json').map((state) => ({ value: { rows: [{ newDocumentState: state }] }, names: 'rows[0].newDocumentState' })),
      notOfType(['object', 'null'], 'json').map((state) => ({ value: { rows: [{ newDocumentState: freshEntry(0), assumedMasterState: state }] }, names: 'rows[0].assumedMasterState' })),
      fc.tuple(strangeKey(['newDocumentState', 'assumedMasterState']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: { rows: [Object.defineProperty({ newDocumentState: freshEntry(0) }, key, { value, enumerable: true })] }, names: key })),
      fc.constant({ value: { rows: Array.from({ length: 1_001 }, () => ({ newDocumentState: {} })) }, names: 'rows' }),
    ).map(({ value, names }) => push('a body that is not the protocol', { kind: 'json', value }, { status: 400, error: ['invalid-body'], ...(names ? { names } : {}) })),
    // One bad entry among good ones: nothing is saved.
    { weight: 4, arbitrary: fc.tuple(goodOnes, goodOnes, fc.oneof(
      fc.constantFrom(...ledgerFields('json')).chain(({ field, bad }) => bad.map((value) => ({ mutate: (entry: Record<string, unknown>) => ({ ...entry, [field]: value }), names: field, rule: `a bad ${field}` }))),
      fc.constantFrom('id', 'venueId', 'kind', 'customerId', 'at', 'hlc', 'charged', 'venueDay').map((field) => ({ mutate: (entry: Record<string, unknown>) => { const copy = { ...entry }; delete copy[field]; return copy; }, names: field, rule: `no ${field}` })),
      fc.tuple(strangeKey(Object.keys(freshEntry(0))).filter((key) => key !== '_deleted'), fc.oneof(fc.jsonValue({ maxDepth: 1 }), nested(), pollutingObject()))
        .map(([key, value]) => ({ mutate: (entry: Record<string, unknown>) => Object.defineProperty({ ...entry }, key, { value, enumerable: true }), names: key, rule: 'a key that is no field' })),
      fc.oneof(fc.constant(true), fc.constantFrom('true', 1, null, 'yes')).map((deleted) => ({ mutate: (entry: Record<string, unknown>) => ({ ...entry, _deleted: deleted }), names: '_deleted', rule: 'a deleted entry' })),
      fc.constantFrom(
        { rule: 'an undo with no check-in named', mutate: (entry: Record<string, unknown>) => ({ ...entry, kind: 'undo-check-in' }), names: 'checkInId' },
        { rule: 'an override with a session', mutate: (entry: Record<string, unknown>) => ({ ...entry, kind: 'revoke', sessionId: 's1', charged: undefined, bookingId: undefined, venueDay: undefined }), names: 'sessionId' },
        { rule: 'a uses override out of range', mutate: (entry: Record<string, unknown>) => ({ ...entry, kind: 'uses-override', total: -1, charged: undefined, bookingId: undefined, venueDay: undefined }), names: 'total' },
      ),
    )).map(([before, after, { mutate, names, rule }]) => {
      const bad = mutate(freshEntry(serials()));
      return push(`one bad entry among good ones: ${rule}`, { kind: 'json', value: pushOf(...before, bad, ...after) }, invalidDocument(names));
    }) },
    fc.tuple(goodOnes, goodOnes).map(([before, after]) => push('an entry of another venue among good ones', { kind: 'json', value: pushOf(...before, freshEntry(serials(), OTHER_VENUE_ID), ...after) }, { status: 403, error: ['wrong-venue'], names: 'venueId' })),
    fc.tuple(fc.constantFrom('staff', 'reason', 'charged', 'at'), fc.string({ maxLength: 8 })).map(([field, text]) => {
      const stored = fuzzVenue().ledger[0]!;
      const changed = { ...stored, [field]: field === 'charged' ? false : field === 'at' ? '2026-03-10T07:00:01Z' : `${String((stored as Record<string, unknown>)[field])}${text}-changed` };
      return push('another entry under a stored id', { kind: 'json', value: pushOf(changed) }, { status: 200, error: [], conflict: stored.id });
    }),
  );
}

// --- admin ----------------------------------------------------------------------------------

const badTimeZone = (): fc.Arbitrary<unknown> => fc.oneof(
  notOfType(['string'], 'json'),
  fc.constantFrom('', 'Mars/Phobos', 'Europe/Londres', 'GMT+25', 'Europe/London\u0000', '+99:00'),
  fc.string({ maxLength: 20 }).filter((zone) => !DateTime.fromObject({}, { zone }).isValid),
);

function badAdmin(): fc.Arbitrary<BadRequest> {
  const admin = (rule: string, method: BadRequest['method'], url: string, body: Body | undefined, expect: Expectation, contentType = 'application/json'): BadRequest => ({
    rule, method, url, authorization: adminAuth, ...(body ? { body, contentType } : {}), expect,
  });
  const invalidBody = (names?: string): Expectation => ({ status: 400, error: ['invalid-body'], ...(names === undefined ? {} : { names }) });
  // Up to 200 characters, the longest a venue id may be: each up to 12 once percent-encoded.
  const unknownVenueId = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), longString(101, 200), notStorable(), fc.constantFrom('__proto__', 'constructor', 'FUZZ-VENUE', `${FUZZ_VENUE_ID} `)).filter((id) => id !== FUZZ_VENUE_ID && id !== OTHER_VENUE_ID && id.trim() !== '' && inUrl(id));
  const venueUrl = (id: string, rest: string) => `/admin/venues/${encodeURIComponent(id)}${rest}`;
  return fc.oneof(
    // A venue: wrong fields, an existing id.
    fc.oneof(
      fc.oneof(notOfType(['string'], 'json'), fc.constant(''), longString(201), notStorable().filter((id) => id.includes('\u0000'))).map((id) => ({ value: { id, timeZone: 'UTC' }, names: 'id' })),
      badTimeZone().map((timeZone) => ({ value: { id: 'new-venue', timeZone }, names: 'timeZone' })),
      fc.oneof(notOfType(['string'], 'json'), fc.constant(''), longString(201), notStorable().filter((name) => name.includes('\u0000'))).map((name) => ({ value: { id: 'new-venue', timeZone: 'UTC', name }, names: 'name' })),
      fc.tuple(strangeKey(['id', 'timeZone', 'name']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({ id: 'new-venue', timeZone: 'UTC' }, key, { value, enumerable: true }), names: key })),
      notOfType(['object'], 'json').map((value) => ({ value, names: undefined })),
    ).map(({ value, names }) => admin('a bad venue', 'POST', '/admin/venues', { kind: 'json', value }, invalidBody(names))),
    fc.constantFrom(FUZZ_VENUE_ID, OTHER_VENUE_ID).map((id) => admin('a venue that exists', 'POST', '/admin/venues', { kind: 'json', value: { id, timeZone: 'Europe/London' } }, { status: 409, error: ['venue-exists'] })),
    // A device: a wrong name, an unknown venue.
    fc.oneof(
      fc.oneof(notOfType(['string'], 'json'), fc.constant(''), longString(201), notStorable().filter((name) => name.includes('\u0000'))).map((name) => ({ value: { name }, names: 'name' })),
      fc.tuple(strangeKey(['name']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({}, key, { value, enumerable: true }), names: key })),
      notOfType(['object', 'null'], 'json').map((value) => ({ value, names: undefined })),
    ).map(({ value, names }) => admin('a bad device', 'POST', venueUrl(FUZZ_VENUE_ID, '/devices'), { kind: 'json', value }, invalidBody(names))),
    unknownVenueId.map((id) => admin('a device of an unknown venue', 'POST', venueUrl(id, '/devices'), { kind: 'json', value: {} }, { status: 404, error: ['unknown-venue'] })),
    unknownVenueId.map((id) => admin('the devices of an unknown venue', 'GET', venueUrl(id, '/devices'), undefined, { status: 404, error: ['unknown-venue'] })),
    // A revocation: a wrong body, an unknown device.
    fc.oneof(
      fc.oneof(notOfType(['string'], 'json'), fc.constant(''), longString(401)).map((device) => ({ value: { device }, names: 'device' })),
      fc.tuple(strangeKey(['device']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({ device: 'dev-x' }, key, { value, enumerable: true }), names: key })),
      notOfType(['object'], 'json').map((value) => ({ value, names: undefined })),
    ).map(({ value, names }) => admin('a bad revocation', 'POST', '/admin/devices/revoke', { kind: 'json', value }, invalidBody(names))),
    fc.oneof(tokenText(), notStorable(), fc.constantFrom('__proto__', 'dev-')).map((device) => admin('an unknown device revoked', 'POST', '/admin/devices/revoke', { kind: 'json', value: { device } }, { status: 404, error: ['unknown-device'] })),
    // An import: a wrong query, a file of another venue, an unknown venue.
    fc.oneof(
      fc.string({ maxLength: 12 }).filter((name) => !(csvCollections as readonly string[]).includes(name)).map((name): { query: string; names: string } => ({ query: `collection=${encodeURIComponent(name)}`, names: 'collection' })),
      fc.tuple(strangeKey(['collection']).filter((key) => key !== '' && inUrl(key)), fc.string({ maxLength: 8 })).map(([key, value]) => ({ query: `${encodeURIComponent(key)}=${encodeURIComponent(value)}`, names: key })),
      fc.constant({ query: 'collection=customers&collection=passes', names: 'collection' }),
    ).map(({ query, names }) => admin('an import with a bad query', 'POST', `${venueUrl(FUZZ_VENUE_ID, '/import')}?${query}`, { kind: 'text', text: 'id,name\nc9,Someone\n' }, { status: 400, error: ['invalid-query'], names }, 'text/csv')),
    // An id PostgreSQL cannot store names no venue: refused as unknown before the file is read.
    unknownVenueId.map((id) => admin('a venue file for another venue', 'POST', venueUrl(id, '/import'), { kind: 'json', value: fuzzVenueFile() }, isStorableText(id) ? { status: 400, error: ['invalid-file'], names: 'venue.id' } : { status: 404, error: ['unknown-venue'] })),
    unknownVenueId.map((id) => admin('a CSV for an unknown venue', 'POST', venueUrl(id, '/import'), { kind: 'text', text: 'id,name\nc9,Someone\n' }, { status: 404, error: ['unknown-venue'] }, 'text/csv')),
    fc.oneof(notOfType(['object'], 'json')).map((value) => admin('a venue file that is no object', 'POST', venueUrl(FUZZ_VENUE_ID, '/import'), { kind: 'json', value }, { status: 400, error: ['invalid-file'] })),
    // Staff: wrong fields (a PIN that is not 4 to 8 digits, a role that is none), an unknown
    // venue or member, a name taken.
    fc.oneof(
      fc.oneof(notOfType(['string'], 'json'), fc.constant(''), fc.constant('   '), longString(101).filter((name) => name.trim().length > 100), notStorable().filter((name) => name.includes('\u0000'))).map((name) => ({ value: { name, role: 'door', pin: '1234' }, names: 'name' })),
      fc.oneof(notOfType(['string'], 'json'), fc.string({ maxLength: 12 }).filter((role) => !['door', 'manager', 'admin'].includes(role))).map((role) => ({ value: { name: 'X', role, pin: '1234' }, names: 'role' })),
      fc.oneof(notOfType(['string'], 'json'), fc.string({ maxLength: 12 }).filter((pin) => !/^\d{4,8}$/.test(pin)), fc.constantFrom('123', '123456789', ' 1234', '12 34', '١٢٣٤')).map((pin) => ({ value: { name: 'X', role: 'door', pin }, names: 'pin' })),
      fc.tuple(strangeKey(['name', 'role', 'pin']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({ name: 'X', role: 'door', pin: '1234' }, key, { value, enumerable: true }), names: key })),
      notOfType(['object'], 'json').map((value) => ({ value, names: undefined })),
    ).map(({ value, names }) => admin('a bad staff member', 'POST', venueUrl(FUZZ_VENUE_ID, '/staff'), { kind: 'json', value }, invalidBody(names))),
    fc.oneof(
      fc.oneof(notOfType(['string'], 'json'), fc.string({ maxLength: 12 }).filter((role) => !['door', 'manager', 'admin'].includes(role))).map((role) => ({ value: { role }, names: 'role' })),
      fc.oneof(notOfType(['string'], 'json'), fc.constantFrom('123', 'abcd', '')).map((pin) => ({ value: { pin }, names: 'pin' })),
      notOfType(['boolean'], 'json').map((active) => ({ value: { active }, names: 'active' })),
      fc.constant({ value: {}, names: undefined }),
      fc.tuple(strangeKey(['role', 'pin', 'active']), fc.jsonValue({ maxDepth: 1 })).map(([key, value]) => ({ value: Object.defineProperty({ active: true }, key, { value, enumerable: true }), names: key })),
    ).map(({ value, names }) => admin('a bad change of a staff member', 'POST', venueUrl(FUZZ_VENUE_ID, `/staff/${encodeURIComponent(FUZZ_STAFF_NAME)}`), { kind: 'json', value }, invalidBody(names))),
    unknownVenueId.map((id) => admin('staff of an unknown venue', 'POST', venueUrl(id, '/staff'), { kind: 'json', value: { name: 'X', role: 'door', pin: '1234' } }, { status: 404, error: ['unknown-venue'] })),
    fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), notStorable(), fc.constantFrom('__proto__', 'fuzz manager', `${FUZZ_STAFF_NAME} `)).filter((who) => who !== FUZZ_STAFF_NAME && inUrl(who))
      .map((who) => admin('an unknown staff member changed', 'POST', venueUrl(FUZZ_VENUE_ID, `/staff/${encodeURIComponent(who)}`), { kind: 'json', value: { active: false } }, { status: 404, error: ['unknown-staff'] })),
    fc.constant(admin('a staff name taken', 'POST', venueUrl(FUZZ_VENUE_ID, '/staff'), { kind: 'json', value: { name: FUZZ_STAFF_NAME, role: 'door', pin: '1234' } }, { status: 409, error: ['staff-exists'] })),
  );
}

// --- routes that are not there --------------------------------------------------------------

const pathSegment = () => fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent);

function badRoute(): fc.Arbitrary<BadRequest> {
  const notFound = (rule: string, method: BadRequest['method'], url: string): BadRequest => ({ rule, method, url, authorization: adminAuth, expect: { status: 404, error: ['not-found'] } });
  return fc.oneof(
    fc.tuple(fc.constantFrom('/x-', '/sync/hello/', '/admin/', '/admin/venues/a/b/', '/sync/ledger/pull/', '/.', '/%2e%2e/'), fc.array(pathSegment(), { maxLength: 3 }), fc.constantFrom<BadRequest['method']>('GET', 'POST'))
      .map(([prefix, segments, method]) => notFound('a route that is not there', method, `${prefix}${segments.join('/')}z`)),
    fc.tuple(fc.constantFrom(...routes()), fc.constantFrom<BadRequest['method']>('PUT', 'DELETE', 'PATCH', 'OPTIONS'))
      .map(([route, method]) => notFound('a method a route does not take', method, route.url)),
    fc.tuple(fc.constantFrom('/sync/', '/admin/venues/'), fc.constantFrom('%', '%E0%A4%A', '%zz', '%C3%28', '%ED%A0%80'), fc.constantFrom('/pull', '/devices'))
      .map(([prefix, bad, rest]): BadRequest => ({ rule: 'a URL that cannot be decoded', method: 'GET', url: `${prefix}${bad}${rest}`, authorization: adminAuth, expect: { status: 400, error: ['invalid-url'] } })),
    fc.tuple(fc.constantFrom('/sync/', '/admin/venues/'), fc.integer({ min: 2_401, max: 20_000 }), fc.constantFrom('/pull', '/devices'))
      .map(([prefix, length, rest]): BadRequest => ({ rule: 'a part of the URL too long to read', method: 'GET', url: `${prefix}${'v'.repeat(length)}${rest}`, authorization: adminAuth, expect: { status: 414, error: ['url-too-long'] } })),
  );
}

export const badHttpRequest = (serials: () => number): fc.Arbitrary<BadRequest> => fc.oneof(
  { weight: 3, arbitrary: badAuthorization() },
  { weight: 2, arbitrary: badPull() },
  { weight: 2, arbitrary: badSnapshot() },
  { weight: 5, arbitrary: badPush(serials) },
  { weight: 4, arbitrary: badAdmin() },
  { weight: 1, arbitrary: badRoute() },
);

// --- sending and checking -------------------------------------------------------------------

export type FuzzServer = { server: SyncServer; tokens: Record<Credential, string>; snapshot(withSequence?: boolean): Promise<string>; close(): Promise<void> };

export async function startFuzzServer(): Promise<FuzzServer> {
  // Every request comes from one address: wrong tokens are expected here, not limited (the
  // limit has its own tests in test/server/endpointAttacks.test.ts).
  const server = await startSyncServer({
    database: { kind: 'pglite-memory' },
    adminToken: ADMIN_TOKEN,
    bodyLimits: fuzzBodyLimits,
    failedAuthLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    now: () => FUZZ_NOW_MS,
  });
  try {
    const data = fuzzVenue();
    await server.admin.createVenue(data.venue);
    await server.admin.importVenueData(data.venue.id, data);
    await server.admin.createVenue({ id: OTHER_VENUE_ID, timeZone: 'Europe/Paris' });
    const device = await server.admin.issueDevice(data.venue.id, 'fuzz desk');
    const revoked = await server.admin.issueDevice(data.venue.id, 'revoked desk');
    await server.admin.revokeDevice(revoked.deviceId);
    await server.admin.issueDevice(OTHER_VENUE_ID, 'desk of the other venue');
    await addStaff(server.db, data.venue.id, { name: FUZZ_STAFF_NAME, role: 'manager', pinHash: hashStaffPin('2468') });
    return { server, tokens: { device: device.token, revoked: revoked.token, admin: ADMIN_TOKEN }, snapshot: (withSequence) => serverSnapshot(server, withSequence), close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * Everything the server holds that a request could change, as text to compare. A push of an
 * entry already stored may take a seq and leave it unused (server/db/pushedEntries.ts: gaps
 * are harmless to pullers), so the venues' last seq can be left out of the comparison.
 */
export async function serverSnapshot(server: SyncServer, withSequence = true): Promise<string> {
  const { db } = server;
  const state = {
    venues: await db.query(`SELECT id, time_zone, name${withSequence ? ', last_seq::text' : ''} FROM venues ORDER BY id`),
    devices: await db.query('SELECT id, venue_id, name, token_hash, revoked_at::text FROM devices ORDER BY id'),
    documents: await db.query('SELECT venue_id, collection, id, seq::text, body::text, written_by FROM documents ORDER BY venue_id, collection, id'),
    counts: await db.query('SELECT venue_id, collection, count::text FROM document_counts ORDER BY venue_id, collection'),
    summaries: await db.query('SELECT venue_id, pass_id, body::text FROM pass_summaries ORDER BY venue_id, pass_id'),
    summariesUpto: await db.query('SELECT venue_id, upto_seq::text, summaries::text FROM pass_summaries_upto ORDER BY venue_id'),
    admin: await db.query('SELECT token_hash FROM admin_token'),
    staff: await db.query('SELECT venue_id, id, name, role, active, pin_hash, updated_at::text FROM staff ORDER BY venue_id, id'),
  };
  return JSON.stringify(state);
}

function authorizationHeader(authorization: Authorization, tokens: Record<Credential, string>): string | undefined {
  switch (authorization.kind) {
    case 'absent': return undefined;
    case 'raw': return authorization.header;
    case 'bearer': {
      const token = authorization.credential === null ? '' : tokens[authorization.credential];
      // A leading NUL marks a prefix that replaces "Bearer " (a token sent under another scheme).
      if (authorization.before.startsWith('\u0000')) return `${authorization.before.slice(1)}${token}${authorization.after}`;
      return `Bearer ${authorization.before}${token}${authorization.after}`;
    }
  }
}

/**
 * Whether Fastify's JSON parser (secure-json-parse) refuses this value as text: an own
 * "__proto__" key, or a "constructor" object with an own "prototype", at any depth.
 */
export function poisoned(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || node instanceof Nested) continue;
    if (Object.hasOwn(node, '__proto__')) return true;
    const constructor = (node as Record<string, unknown>).constructor;
    if (Object.hasOwn(node, 'constructor') && typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) return true;
    stack.push(...Object.values(node));
  }
  return false;
}

const isJson = (request: BadRequest) => (request.contentType ?? 'application/json').startsWith('application/json');

/** Fastify's own refusals come before a route reads the body: too large, then nested too deep, then not JSON. */
function refusedFirst(request: BadRequest, payload: string | undefined): BadRequest | null {
  if (payload === undefined || request.expect.status === 401 || request.expect.status === 404 || request.expect.status === 415) return null;
  const path = request.url.split('?')[0]!;
  const limit = path.endsWith('/push') ? fuzzBodyLimits.push : path.endsWith('/import') ? fuzzBodyLimits.import : fuzzBodyLimits.other;
  if (Buffer.byteLength(payload) > limit) return { ...request, expect: { status: 413, error: ['body-too-large'] } };
  if (isJson(request) && jsonNestingDepth(payload) > MAX_JSON_DEPTH) return { ...request, expect: { status: 400, error: ['json-too-deep'] } };
  if (request.body?.kind === 'json' && poisoned(request.body.value)) return { ...request, expect: { status: 400, error: ['invalid-json'] } };
  return null;
}

type Answer = { error?: unknown; message?: unknown; problems?: { path?: unknown; field?: unknown; message?: unknown }[]; conflicts?: { id?: unknown }[] };

function namesPlace(answer: Answer, names: string): boolean {
  const problems = Array.isArray(answer.problems) ? answer.problems : [];
  const places = problems.flatMap((problem) => [String(problem.path ?? ''), String(problem.field ?? '')]);
  const words = [String(answer.message ?? ''), ...problems.map((problem) => String(problem.message ?? ''))];
  return places.some((place) => place === names || place.startsWith(`${names}.`) || place.startsWith(`${names}[`) || place.endsWith(`.${names}`) || place.includes(`.${names}.`) || place.includes(`.${names}[`))
    || words.some((text) => text.includes(`"${names}"`) || text.includes(`${names}:`));
}

export async function fuzzHttp(options: FuzzOptions): Promise<FuzzReport> {
  const running = await startFuzzServer();
  let serial = 1_000;
  const serials = () => (serial += 1);
  const check = async (generated: BadRequest): Promise<Refused> => {
    const payload = generated.body === undefined ? undefined : generated.body.kind === 'json' ? jsonText(generated.body.value) : generated.body.text;
    const request = refusedFirst(generated, payload) ?? generated;
    // Every refusal leaves the sequence alone; an answered conflict may use up seqs.
    const withSequence = request.expect.conflict === undefined;
    const before = await running.snapshot(withSequence);
    const authorization = authorizationHeader(request.authorization, running.tokens);
    const response = await running.server.app.inject({
      method: request.method,
      url: request.url,
      headers: {
        ...(authorization === undefined ? {} : { authorization }),
        ...(payload === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });
    const what = `${request.rule}: ${request.method} ${request.url.slice(0, 120)}`;
    expectThat(response.statusCode !== 500, () => `${what}: HTTP 500 ${response.body.slice(0, 300)}`);
    expectThat(response.statusCode === request.expect.status, () => `${what}: HTTP ${response.statusCode}, not ${request.expect.status}: ${response.body.slice(0, 300)}`);
    let answer: Answer;
    try {
      answer = JSON.parse(response.body) as Answer;
    } catch {
      throw new Error(`${what}: the answer is not JSON: ${response.body.slice(0, 200)}`);
    }
    if (request.expect.conflict !== undefined) {
      expectThat(answer.conflicts?.length === 1 && answer.conflicts[0]?.id === request.expect.conflict, () => `${what}: not answered with the stored entry: ${shortly(answer)}`);
    } else {
      expectThat(request.expect.error.includes(String(answer.error)), () => `${what}: refused with ${shortly(answer.error)}, not ${request.expect.error.join(' or ')}: ${shortly(answer)}`);
      expectThat(typeof answer.message === 'string' && answer.message.length > 0, () => `${what}: refused without a message: ${shortly(answer)}`);
      const names = request.expect.names;
      if (names !== undefined) expectThat(namesPlace(answer, names), () => `${what}: the refusal does not name ${JSON.stringify(names)}: ${shortly(answer)}`);
    }
    expectUnchanged(before, await running.snapshot(withSequence), `${what}: the server`);
    return { error: request.expect.conflict !== undefined ? 'conflict' : String(answer.error) };
  };
  try {
    return await runFuzz('http', badHttpRequest(serials), check, options);
  } finally {
    await running.close();
  }
}
