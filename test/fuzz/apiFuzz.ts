// The renderer↔main API (shared/schema/api.ts) fuzzed over its three ways in: Electron's IPC
// (as main/runDesk.ts takes it: the parse of main/desk/deskCall.ts, then `desk.answer`), a
// direct `desk.call` (the scenario runner's way), and the browser desk's
// WebSocket bridge (main/bridge/api.websocket.ts, fed raw frames). Every generated call is bad:
// a name that is no call, a payload with a field of the wrong type or size, a field missing,
// a key too many (prototype keys among them), no object at all, or a call valid in shape that
// the rules refuse (unknown ids, a revoked pass, a total below the uses redeemed...). Each must
// come back as a refusal with its specific code, naming the field at fault, and leave the
// desk's database, memory, identity and pairing exactly as they were.
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import type { WebSocket } from 'ws';
import type { DeskApiName } from '../../shared/schema/api';
import { deskApi } from '../../shared/schema/api';
import { deskApiNames } from '../../shared/schema/apiNames';
import type { ErrorCode } from '../../shared/rules/errors';
import { parseDeskCall } from '../../main/desk/deskCall';
import { createWebSocketApiBridge } from '../../main/bridge/api.websocket';
import type { JsonType, Wire } from './badValues';
import { jsonText, longString, materialize, nested, notOfType, notStorable, pollutingObject, strangeKey } from './badValues';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, expectUnchanged, runFuzz, shortly } from './fuzzRun';
import { fuzzVenueFile, fuzzVenueIds, openFuzzDesk } from './fuzzVenue';

type Transport = 'ipc' | 'direct' | 'socket';

/** What the answer must be: the code, and (for invalid input) the field or key an issue names. */
type Expectation = { error: ErrorCode; names?: string };

type BadCall = { kind: 'call'; transport: Transport; rule: string; name: unknown; payload: unknown; expect: Expectation };
type BadFrame = { kind: 'frame'; rule: string; frame: string | Uint8Array };
type BadInput = BadCall | BadFrame;

// --- the API map, field by field --------------------------------------------------------

type FieldKind = 'id' | 'nullableId' | 'feed' | 'count' | 'nullableCount' | 'reason' | 'flag' | 'date' | 'days' | 'total' | 'query' | 'limit' | 'staff' | 'language' | 'text' | 'url' | 'token' | 'pinTry' | 'pin' | 'identifier';
type Field = { kind: FieldKind; required: boolean };
/** A valid payload that would change the desk if it got through with one field broken, and its fields. */
type CallSpec = { base: Record<string, unknown>; fields: Record<string, Field> };

const required = (kind: FieldKind): Field => ({ kind, required: true });
const optional = (kind: FieldKind): Field => ({ kind, required: false });
const none: CallSpec = { base: {}, fields: {} };

const otherVenueFile = JSON.stringify(fuzzVenueFile('another-venue'));

// A Record over every name: a call added to deskApi and not fuzzed here fails the type check.
const callSpecs: Record<DeskApiName, CallSpec> = {
  checkIn: { base: { customerId: 'c1', sessionId: null, confirmDuplicate: true }, fields: { customerId: required('id'), sessionId: required('nullableId'), confirmDuplicate: optional('flag') } },
  undoCheckIn: { base: { checkInId: 'ci-1', reason: 'fuzz' }, fields: { checkInId: required('id'), reason: optional('reason') } },
  overrideExpiry: { base: { passId: 'x1', relativeDays: 40 }, fields: { passId: required('id'), fixedDate: optional('date'), relativeDays: optional('days'), reason: optional('reason') } },
  overrideUses: { base: { passId: 'x1', total: 12 }, fields: { passId: required('id'), total: required('total'), reason: optional('reason') } },
  revokePass: { base: { passId: 'x1' }, fields: { passId: required('id'), reason: optional('reason') } },
  previewCheckIn: { base: { customerId: 'c1', sessionId: 's1' }, fields: { customerId: required('id'), sessionId: required('nullableId') } },
  search: { base: { query: 'ada', limit: 5 }, fields: { query: required('query'), limit: optional('limit') } },
  findAtDoor: { base: { query: 'ada', limit: 5, sessionId: 's1' }, fields: { query: required('query'), limit: optional('limit'), sessionId: required('nullableId') } },
  searchCorpus: { base: { feed: null, after: null, offset: 0 }, fields: { feed: required('feed'), after: required('nullableCount'), offset: optional('count') } },
  customerOverview: { base: { customerId: 'c1' }, fields: { customerId: required('id') } },
  passState: { base: { passId: 'x1' }, fields: { passId: required('id') } },
  passHistory: { base: { passId: 'x1' }, fields: { passId: required('id') } },
  passDetail: { base: { passId: 'x1' }, fields: { passId: required('id') } },
  sessionAttendees: { base: { sessionId: 's1' }, fields: { sessionId: required('id') } },
  todaySessions: none,
  attendanceSessions: { base: { day: '2026-03-10' }, fields: { day: optional('date') } },
  recentCheckIns: none,
  deskStatus: none,
  setStaff: { base: { staff: 'Kim' }, fields: { staff: required('staff') } },
  setLanguage: { base: { language: 'de' }, fields: { language: required('language') } },
  loadVenueFile: { base: { text: JSON.stringify(fuzzVenueFile()) }, fields: { text: required('text') } },
  openDemoVenue: none,
  pairEndpoint: { base: { url: 'http://127.0.0.1:9', token: '0123456789abcdef' }, fields: { url: required('url'), token: required('token') } },
  unpairEndpoint: none,
  findHubs: none,
  venueHub: none,
  setVenueHub: { base: { on: true }, fields: { on: required('flag') } },
  offerHubCode: { base: { deskName: 'Door 2' }, fields: { deskName: required('text') } },
  claimHubCode: { base: { certificate: 'AB:'.repeat(31) + 'CD', code: 'K7QM3-XHD9P' }, fields: { certificate: required('text'), code: required('text') } },
  syncReview: none,
  demoPractice: none,
  staffOnDesk: none,
  signIn: { base: { staffId: 'st-1', pin: '1234' }, fields: { staffId: required('id'), pin: required('pinTry') } },
  signOut: none,
  exportAttendance: { base: { sessionId: 's1' }, fields: { sessionId: required('id') } },
  exportPassHistory: { base: { passId: 'x1' }, fields: { passId: required('id') } },
  stillHere: none,
  stepUp: { base: { staffId: 'st-1', pin: '1234' }, fields: { staffId: required('id'), pin: required('pinTry') } },
  setFirstManager: { base: { name: 'Kim', pin: '1234' }, fields: { name: required('staff'), pin: required('pin') } },
  kioskCheckIn: { base: { identifier: 'PASS-0001' }, fields: { identifier: required('identifier') } },
  enterKiosk: { base: { sound: true }, fields: { sound: optional('flag') } },
  leaveKiosk: { base: { staffId: 'st-1', pin: '1234' }, fields: { staffId: required('id'), pin: required('pinTry') } },
};

// --- bad values per kind of field ---------------------------------------------------------

function badInteger(min: number, max: number, wire: Wire): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ min, max, noInteger: true, noNaN: true }),
    notOfType(['number'], wire),
    ...(wire === 'clone' ? [fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2)] : [fc.constant(1e300)]),
  );
}

/** Not a whole number from 0 up (a version, an offset). */
function badCount(types: readonly JsonType[], wire: Wire): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ max: -1 }),
    fc.double({ min: 0, max: 1e9, noInteger: true, noNaN: true }),
    notOfType(types, wire),
    ...(wire === 'clone' ? [fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 2)] : [fc.constant(1e300)]),
  );
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const badDateText = (): fc.Arbitrary<string> => fc.oneof(
  fc.string({ maxLength: 12 }).filter((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text)),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .filter(([year, month, day]) => !isCalendarDate(year, month, day))
    .map(([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
  fc.constantFrom('2026-02-29', '2026-02-30', '2025-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '26-01-01', '2026/01/01', '2026-01-01T00:00:00Z', ' 2026-01-01', '２０２６-01-01'),
);

const notHttpAddress = (): fc.Arbitrary<string> => fc.oneof(
  fc.tuple(fc.constantFrom('ftp', 'file', 'javascript', 'data', 'ws', 'wss', 'mailto', 'chrome', 'httpx', 'htt', 'HTTP'), fc.string({ maxLength: 30 })).map(([scheme, rest]) => `${scheme}://${rest}`),
  fc.string({ maxLength: 40 }).filter((text) => !/^https?:\/\//.test(text.trim())),
  fc.constantFrom('http://', 'https://', 'http:// ', 'http://[::1', 'http://exa mple.com', 'http:/127.0.0.1', 'http:127.0.0.1', 'http://%'),
  fc.integer({ min: 490, max: 5_000 }).map((length) => `http://127.0.0.1:9/${'a'.repeat(length)}`),
);

const whitespace = (): fc.Arbitrary<string> => fc.string({ maxLength: 8, unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2028', '\ufeff') });

function badValue(kind: FieldKind, wire: Wire): fc.Arbitrary<unknown> {
  const notText = notOfType(['string'], wire);
  switch (kind) {
    case 'id': return fc.oneof(notText, fc.constant(''), longString(201));
    case 'nullableId': return fc.oneof(notOfType(['string', 'null'], wire), fc.constant(''), longString(201));
    case 'feed': return fc.oneof(notOfType(['string', 'null'], wire), longString(101));
    case 'count': return badCount(['number'], wire);
    case 'nullableCount': return badCount(['number', 'null'], wire);
    // A reason or a staff name goes into synced ledger entries: text the endpoint cannot store is bad.
    case 'reason': return fc.oneof(notText, longString(501), notStorable());
    case 'flag': return notOfType(['boolean'], wire);
    case 'date': return fc.oneof(notText, badDateText());
    case 'days': return badInteger(1, 3650, wire);
    case 'total': return badInteger(0, 100_000, wire);
    case 'limit': return badInteger(1, 200, wire);
    case 'query': return fc.oneof(notText, longString(201));
    case 'staff': return fc.oneof(notText, whitespace(), fc.integer({ min: 101, max: 20_000 }).map((length) => 'k'.repeat(length)), notStorable().filter((staff) => staff.trim() !== ''));
    // A language the desk has no catalog for (or a locale tag: the choice is a catalog's name).
    case 'language': return fc.oneof(notOfType(['string', 'null'], wire), fc.constantFrom('', 'de-DE', 'xx', 'EN-GB', 'en-gb', 'deutsch'));
    case 'text': return notText;
    // A pass code or a whole email, at most 320 characters once trimmed.
    case 'identifier': return fc.oneof(notText, whitespace(), fc.integer({ min: 321, max: 5_000 }).map((length) => 'x'.repeat(length)));
    case 'pinTry': return fc.oneof(notText, longString(21));
    // A PIN is 4 to 8 digits, ASCII ones.
    case 'pin': return fc.oneof(notText, fc.string({ maxLength: 12 }).filter((pin) => !/^\d{4,8}$/.test(pin)), fc.constantFrom('123', '123456789', ' 1234', '١٢٣٤', '1234\n'));
    case 'url': return fc.oneof(notText, notHttpAddress());
    case 'token': return fc.oneof(notText, fc.string({ maxLength: 15 }), fc.tuple(whitespace(), fc.string({ maxLength: 15 }), whitespace()).map((parts) => parts.join('')), fc.integer({ min: 501, max: 5_000 }).map((length) => 't'.repeat(length)));
  }
}

/** `{ ...base, [key]: value }` with `key` an own key even when it is "__proto__". */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const payload = { ...base };
  Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
  return payload;
}

function without(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const payload = { ...base };
  delete payload[key];
  return payload;
}

// --- bad calls ------------------------------------------------------------------------------

function badPayloads(name: DeskApiName, wire: Wire): fc.Arbitrary<{ rule: string; payload: unknown; expect: Expectation }> {
  const { base, fields } = callSpecs[name];
  const names = Object.keys(fields);
  const options: fc.Arbitrary<{ rule: string; payload: unknown; expect: Expectation }>[] = [
    fc.tuple(strangeKey(names), fc.oneof(fc.jsonValue({ maxDepth: 2 }), nested(), pollutingObject())).map(([key, value]) => ({
      rule: 'a key that is no field', payload: withKey(base, key, value), expect: { error: 'invalid-input', names: key },
    })),
    fc.oneof(
      notOfType(['object'], wire),
      fc.constant(undefined),
      // Objects that are no plain object; zod's object schema alone takes them for one.
      ...(wire === 'clone' ? [fc.constantFrom(new Map(Object.entries(base)), new Date(0), new Set(), new Uint8Array(4))] : []),
    ).map((payload) => ({ rule: 'a payload that is no plain object', payload, expect: { error: 'invalid-input', names: 'payload' } })),
  ];
  if (names.length > 0) {
    options.push(fc.constantFrom(...names).chain((field) => badValue(fields[field]!.kind, wire).map((value) => ({
      rule: `a bad ${fields[field]!.kind}`, payload: withKey(base, field, value), expect: { error: 'invalid-input', names: field },
    }))));
  }
  const requiredFields = names.filter((field) => fields[field]!.required);
  if (requiredFields.length > 0) {
    options.push(fc.constantFrom(...requiredFields).map((field) => ({ rule: 'a required field missing', payload: without(base, field), expect: { error: 'invalid-input', names: field } })));
  }
  if (name === 'overrideExpiry') {
    options.push(fc.constantFrom(
      { rule: 'both expiry forms', payload: { ...base, fixedDate: '2026-12-31' }, expect: { error: 'invalid-input', names: 'fixedDate' } },
      { rule: 'neither expiry form', payload: without(base, 'relativeDays'), expect: { error: 'invalid-input', names: 'relativeDays' } },
    ));
  }
  return fc.oneof(...options);
}

const unknownName = (wire: Wire): fc.Arbitrary<unknown> => fc.oneof(
  strangeKey().filter((key) => !Object.hasOwn(deskApi, key)),
  fc.constantFrom(...deskApiNames).chain((name) => fc.constantFrom(name.toUpperCase(), name.toLowerCase(), ` ${name}`, `${name} `, `${name}\u0000`, `${name}s`)).filter((name) => !Object.hasOwn(deskApi, name)),
  notOfType(['string'], wire),
);

const unknownId = (): fc.Arbitrary<string> => fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'C1', 'x1 ', 'ci-1\u0000'))
  .filter((id) => !fuzzVenueIds.has(id));

/** Calls valid in shape that the rules refuse; each would change nothing. */
const ruleRefusals = (): fc.Arbitrary<{ rule: string; name: DeskApiName; payload: unknown; expect: Expectation }> => fc.oneof(
  fc.constantFrom(
    { rule: 'a second check-in not confirmed', name: 'checkIn' as DeskApiName, payload: { customerId: 'c1', sessionId: 's2' }, expect: { error: 'already-checked-in' as ErrorCode } },
    { rule: 'a customer with no pass', name: 'checkIn' as DeskApiName, payload: { customerId: 'c3', sessionId: null }, expect: { error: 'no-passes' as ErrorCode } },
    { rule: 'only a revoked pass', name: 'checkIn' as DeskApiName, payload: { customerId: 'c4', sessionId: null }, expect: { error: 'no-eligible-pass' as ErrorCode } },
    { rule: 'an undone check-in undone again', name: 'undoCheckIn' as DeskApiName, payload: { checkInId: 'ci-2' }, expect: { error: 'already-undone' as ErrorCode } },
    { rule: 'an undo of an entry that is no check-in', name: 'undoCheckIn' as DeskApiName, payload: { checkInId: 'u-2' }, expect: { error: 'unknown-check-in' as ErrorCode } },
    { rule: 'a revoked pass revoked again', name: 'revokePass' as DeskApiName, payload: { passId: 'xr' }, expect: { error: 'pass-revoked' as ErrorCode } },
    { rule: 'an expiry override of a revoked pass', name: 'overrideExpiry' as DeskApiName, payload: { passId: 'xr', fixedDate: '2026-12-31' }, expect: { error: 'pass-revoked' as ErrorCode } },
    { rule: 'a uses override of a revoked pass', name: 'overrideUses' as DeskApiName, payload: { passId: 'xr', total: 20 }, expect: { error: 'pass-revoked' as ErrorCode } },
    { rule: 'a total below the uses redeemed', name: 'overrideUses' as DeskApiName, payload: { passId: 'x1', total: 0 }, expect: { error: 'total-below-used' as ErrorCode } },
    { rule: 'no demo venue on this desk', name: 'openDemoVenue' as DeskApiName, payload: {}, expect: { error: 'invalid-input' as ErrorCode } },
    { rule: 'a venue file of another venue', name: 'loadVenueFile' as DeskApiName, payload: { text: otherVenueFile }, expect: { error: 'invalid-input' as ErrorCode } },
    { rule: 'an endpoint that is not there', name: 'pairEndpoint' as DeskApiName, payload: { url: 'http://127.0.0.1:9', token: '0123456789abcdef' }, expect: { error: 'endpoint-unreachable' as ErrorCode } },
  ),
  unknownId().chain((id) => fc.constantFrom(
    { rule: 'an unknown customer', name: 'checkIn' as DeskApiName, payload: { customerId: id, sessionId: null, confirmDuplicate: true }, expect: { error: 'unknown-customer' as ErrorCode } },
    { rule: 'an unknown session', name: 'checkIn' as DeskApiName, payload: { customerId: 'c1', sessionId: id, confirmDuplicate: true }, expect: { error: 'unknown-session' as ErrorCode } },
    { rule: 'an unknown check-in', name: 'undoCheckIn' as DeskApiName, payload: { checkInId: id }, expect: { error: 'unknown-check-in' as ErrorCode } },
    { rule: 'an unknown pass', name: 'overrideExpiry' as DeskApiName, payload: { passId: id, relativeDays: 5 }, expect: { error: 'unknown-pass' as ErrorCode } },
    { rule: 'an unknown pass', name: 'overrideUses' as DeskApiName, payload: { passId: id, total: 5 }, expect: { error: 'unknown-pass' as ErrorCode } },
    { rule: 'an unknown pass', name: 'revokePass' as DeskApiName, payload: { passId: id }, expect: { error: 'unknown-pass' as ErrorCode } },
    { rule: 'an unknown pass', name: 'passDetail' as DeskApiName, payload: { passId: id }, expect: { error: 'unknown-pass' as ErrorCode } },
    { rule: 'an unknown pass', name: 'passHistory' as DeskApiName, payload: { passId: id }, expect: { error: 'unknown-pass' as ErrorCode } },
    { rule: 'an unknown customer', name: 'customerOverview' as DeskApiName, payload: { customerId: id }, expect: { error: 'unknown-customer' as ErrorCode } },
    { rule: 'an unknown customer', name: 'previewCheckIn' as DeskApiName, payload: { customerId: id, sessionId: null }, expect: { error: 'unknown-customer' as ErrorCode } },
    { rule: 'an unknown session', name: 'sessionAttendees' as DeskApiName, payload: { sessionId: id }, expect: { error: 'unknown-session' as ErrorCode } },
  )),
);

function badCall(transport: Transport): fc.Arbitrary<BadCall> {
  const wire: Wire = transport === 'socket' ? 'json' : 'clone';
  return fc.oneof(
    { weight: 1, arbitrary: fc.tuple(unknownName(wire), fc.constantFrom(...deskApiNames)).map(([name, like]): BadCall => ({ kind: 'call', transport, rule: 'a name that is no call', name, payload: callSpecs[like].base, expect: { error: 'invalid-input', names: 'name' } })) },
    { weight: 6, arbitrary: fc.constantFrom(...deskApiNames).chain((name) => badPayloads(name, wire).map((bad): BadCall => ({ kind: 'call', transport, name, ...bad }))) },
    { weight: 2, arbitrary: ruleRefusals().map((refusal): BadCall => ({ kind: 'call', transport, ...refusal })) },
  );
}

/** Frames that are no call at all, straight onto the socket. */
const badFrame = (): fc.Arbitrary<BadFrame> => fc.oneof(
  fc.string({ maxLength: 50 }).filter((text) => !parsesAsJson(text)).map((frame) => ({ kind: 'frame' as const, rule: 'not JSON', frame })),
  fc.tuple(fc.constantFrom(...deskApiNames), fc.nat()).map(([name, cut]) => {
    const text = JSON.stringify({ id: 1, name, payload: callSpecs[name].base });
    return { kind: 'frame' as const, rule: 'JSON cut short', frame: text.slice(0, cut % text.length) };
  }),
  fc.uint8Array({ maxLength: 64 }).map((frame) => ({ kind: 'frame' as const, rule: 'a binary frame', frame })),
  fc.oneof(fc.jsonValue({ maxDepth: 1 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)), nested())
    .map((value) => ({ kind: 'frame' as const, rule: 'JSON that is no call', frame: jsonText(value) })),
  fc.tuple(fc.oneof(notOfType(['string', 'number'], 'json'), fc.constant('absent')), fc.constantFrom(...deskApiNames))
    .map(([id, name]) => ({ kind: 'frame' as const, rule: 'a call with no usable id', frame: jsonText(id === 'absent' ? { name, payload: {} } : { id, name, payload: {} }) })),
  fc.constantFrom('{"id":1e999,"name":"deskStatus","payload":{}}', '{"id":NaN,"name":"deskStatus","payload":{}}', '{"__proto__":{"id":1},"name":"deskStatus","payload":{}}')
    .map((frame) => ({ kind: 'frame' as const, rule: 'an id JSON cannot hold', frame })),
);

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const badApiInput = (): fc.Arbitrary<BadInput> => fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom<Transport>('ipc', 'direct', 'socket').chain(badCall) },
  { weight: 1, arbitrary: badFrame() },
);

// --- sending and checking -------------------------------------------------------------------

/** The few parts of a `ws` WebSocket the bridge uses; frames in, answers out. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;

  send(text: string): void {
    this.emit('answer', text);
  }

  /** Sends a frame as `ws` delivers it (a Buffer, with its binary flag) and waits for the answer. */
  exchange(frame: string | Uint8Array, timeoutMs = 5_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('answer', answered);
        reject(new Error(`no answer on the socket within ${timeoutMs} ms`));
      }, timeoutMs);
      const answered = (text: string) => {
        clearTimeout(timer);
        resolve(text);
      };
      this.once('answer', answered);
      this.emit('message', Buffer.from(frame), typeof frame !== 'string');
    });
  }
}

type Answer = { ok?: unknown; error?: unknown; issues?: unknown; details?: unknown };

function namesField(issues: readonly string[], names: string): boolean {
  return issues.some((issue) => issue.startsWith(`${names}: `) || issue.includes(`"${names}"`) || (issue.startsWith('payload: ') && issue.includes(names)));
}

export async function fuzzApi(options: FuzzOptions): Promise<FuzzReport> {
  const opened = await openFuzzDesk();
  const bridge = createWebSocketApiBridge({ log: (line) => opened.logs.push(line), handlerWaitMs: 1_000 });
  // The bridge hands on whatever name came; `desk.call` parses it (a name that is no call is refused there).
  bridge.handle((name, payload) => opened.desk.call(name as DeskApiName, payload));
  const socket = new FakeSocket();
  bridge.accept(socket as unknown as WebSocket);
  let frameId = 0;

  const send = async (input: BadInput): Promise<{ id?: unknown; result: Answer }> => {
    if (input.kind === 'frame') return JSON.parse(await socket.exchange(input.frame)) as { id: unknown; result: Answer };
    switch (input.transport) {
      case 'ipc': {
        // What main/electron/ipc.ts hands on once the sender is checked, as main/runDesk.ts
        // takes it: the one parse, then the desk runs the parsed call.
        const call = parseDeskCall(materialize(input.name), materialize(input.payload));
        return { result: (call.ok ? await opened.desk.answer(call) : call) as Answer };
      }
      case 'direct':
        return { result: (await opened.desk.call(materialize(input.name) as DeskApiName, materialize(input.payload))) as Answer };
      case 'socket': {
        frameId += 1;
        const reply = JSON.parse(await socket.exchange(jsonText({ id: frameId, name: input.name, payload: input.payload }))) as { id: unknown; result: Answer };
        expectThat(reply.id === frameId, () => `the answer carries id ${shortly(reply.id)}, not the call's ${frameId}`);
        return reply;
      }
    }
  };

  const check = async (input: BadInput): Promise<Refused> => {
    const before = await opened.snapshot();
    const reply = await send(input);
    const { result } = reply;
    expectThat(result.ok === false, () => `${input.rule}: not refused: ${shortly(result)}`);
    const error = String(result.error);
    expectThat(error !== 'internal', () => `${input.rule}: refused as internal, not with a specific error: ${shortly(result)}`);
    if (input.kind === 'frame') {
      expectThat(error === 'invalid-input' && typeof result.details === 'string' && result.details.length > 0, () => `${input.rule}: refused without saying why: ${shortly(result)}`);
      expectThat(reply.id === null, () => `${input.rule}: answered with id ${shortly(reply.id)}`);
    } else {
      expectThat(error === input.expect.error, () => `${input.rule}: refused with ${error}, not ${input.expect.error}: ${shortly(result)}`);
      const names = input.expect.names;
      if (names !== undefined) {
        const issues = Array.isArray(result.issues) ? result.issues.map(String) : [];
        expectThat(namesField(issues, names), () => `${input.rule}: the refusal does not name ${JSON.stringify(names)}: ${shortly(result)}`);
      }
    }
    expectUnchanged(before, await opened.snapshot(), `${input.rule}: the desk`);
    return { error };
  };

  try {
    return await runFuzz('api', badApiInput(), check, options);
  } finally {
    await opened.close();
  }
}
