// The renderer↔main API with extreme but valid payloads (issue 12, build item 7), beside the bad
// ones of apiFuzz.ts: every call of shared/schema/api.ts with each field at an edge its schema
// allows (the longest ids, reasons, names and queries in the characters that take the most
// room, the largest totals, days, limits and offsets, far-past and far-future dates, the
// longest address and token), on a desk whose clock reads the fuzz's day and on one whose
// clock reads the last instant a stamp can hold (its stamps are the largest). Each call must be
// answered, ok or refused with a specific code, never `internal`; every entry the desk writes
// must pass the shared schema (the endpoint would take it, its stamp within the bounds); and
// the desk must still answer.
import fc from 'fast-check';
import type { DeskApiName } from '../../shared/schema/api';
import { ledgerEntrySchema } from '../../shared/schema/records';
import { MAX_HLC_WALL_MS, readHlc } from '../../shared/rules/hybridLogicalClock';
import { isStorableText } from '../../shared/schema/records';
import type { FuzzOptions, FuzzReport, Refused } from './fuzzRun';
import { expectThat, runFuzz, shortly } from './fuzzRun';
import type { FuzzDesk } from './fuzzVenue';
import { FUZZ_NOW_MS, fuzzVenueFile, openFuzzDesk } from './fuzzVenue';
import { extremeDate, textAtMost, widestText } from './extremeValues';
import { deskLanguages, pseudoLanguage } from '../../shared/schema/deskLanguages';

type ExtremeCall = { desk: 'today' | 'last-instant'; name: DeskApiName; payload: Record<string, unknown> };

const nonEmpty = (text: string) => text.length > 0;
/** An id at its longest (or one of the venue's, so that the call gets past "unknown"). */
const idOr = (...known: string[]) => fc.oneof(fc.constantFrom(...known), textAtMost(200).filter(nonEmpty));
const reason = () => fc.option(textAtMost(500), { nil: undefined });
/** A staff name, trimmed by its schema: at its longest, not only blanks, storable. */
const staffName = () => fc.oneof(fc.constant(widestText(100)), textAtMost(100)).filter((name) => name.trim().length > 0 && isStorableText(name));
const largestCount = fc.constantFrom(0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER);
const withOptional = (payload: Record<string, unknown>) => Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));

// A Record over every name: a call added to deskApi and not listed here fails the type check.
const extremePayloads: Record<DeskApiName, fc.Arbitrary<Record<string, unknown>>> = {
  checkIn: fc.record({ customerId: idOr('c1', 'c2', 'c4'), sessionId: fc.oneof(fc.constant(null), idOr('s1', 's2')), confirmDuplicate: fc.constantFrom(true, false, undefined) }),
  undoCheckIn: fc.record({ checkInId: idOr('ci-1'), reason: reason() }),
  overrideExpiry: fc.oneof(
    fc.record({ passId: idOr('x1', 'x3'), fixedDate: extremeDate(), reason: reason() }),
    fc.record({ passId: idOr('x1', 'x3'), relativeDays: fc.constantFrom(1, 3650), reason: reason() }),
  ),
  overrideUses: fc.record({ passId: idOr('x1', 'x3'), total: fc.constantFrom(0, 1, 100_000), reason: reason() }),
  revokePass: fc.record({ passId: idOr('x2'), reason: reason() }),
  previewCheckIn: fc.record({ customerId: idOr('c1', 'c2'), sessionId: fc.oneof(fc.constant(null), idOr('s1')) }),
  search: fc.record({ query: textAtMost(200), limit: fc.constantFrom(1, 200, undefined) }),
  findAtDoor: fc.record({ query: textAtMost(200), limit: fc.constantFrom(1, 200, undefined), sessionId: fc.oneof(fc.constant(null), idOr('s1')) }),
  searchCorpus: fc.record({ feed: fc.oneof(fc.constant(null), textAtMost(100)), after: fc.oneof(fc.constant(null), largestCount), offset: fc.option(largestCount, { nil: undefined }) }),
  customerOverview: fc.record({ customerId: idOr('c1', 'c4') }),
  passState: fc.record({ passId: idOr('x1', 'xr') }),
  passHistory: fc.record({ passId: idOr('x1', 'xr') }),
  passDetail: fc.record({ passId: idOr('x1', 'xr') }),
  sessionAttendees: fc.record({ sessionId: idOr('s1', 's2') }),
  exportAttendance: fc.record({ sessionId: idOr('s1', 's2') }),
  exportPassHistory: fc.record({ passId: idOr('x1', 'xr') }),
  todaySessions: fc.constant({}),
  attendanceSessions: fc.record({ day: fc.option(extremeDate(), { nil: undefined }) }),
  recentCheckIns: fc.constant({}),
  deskStatus: fc.constant({}),
  setStaff: fc.record({ staff: staffName() }),
  setLanguage: fc.record({ language: fc.constantFrom(null, ...deskLanguages, pseudoLanguage) }),
  loadVenueFile: fc.constant({ text: JSON.stringify(fuzzVenueFile()) }),
  openDemoVenue: fc.constant({}),
  // The longest address the schema takes; nothing answers there (a refusal, quickly).
  pairEndpoint: fc.record({ url: fc.constantFrom(`http://127.0.0.1:9/${'a'.repeat(500 - 'http://127.0.0.1:9/'.length)}`, 'http://127.0.0.1:9'), token: fc.constantFrom('t'.repeat(16), 't'.repeat(500)) }),
  unpairEndpoint: fc.constant({}),
  findHubs: fc.constant({}),
  // No venue hub is run by the fuzzed desk (openDesk without one): refused, nothing started.
  venueHub: fc.constant({}),
  setVenueHub: fc.record({ on: fc.boolean() }),
  offerHubCode: fc.record({ deskName: fc.constantFrom('D', 'd'.repeat(100)) }),
  // The hub by certificate among those the desk found (none here): no request leaves the desk.
  claimHubCode: fc.record({ certificate: fc.constant('AB:'.repeat(31) + 'CD'), code: fc.constantFrom('', 'K7QM3-XHD9P', 'x'.repeat(40)) }),
  syncReview: fc.constant({}),
  demoPractice: fc.constant({}),
  staffOnDesk: fc.constant({}),
  signIn: fc.record({ staffId: textAtMost(200).filter(nonEmpty), pin: fc.constantFrom('', '0000', '9'.repeat(20)) }),
  signOut: fc.constant({}),
  stillHere: fc.constant({}),
  stepUp: fc.record({ staffId: textAtMost(200).filter(nonEmpty), pin: fc.constantFrom('', '0000', '9'.repeat(20)) }),
  setFirstManager: fc.record({ name: staffName(), pin: fc.constantFrom('0000', '99999999') }),
  kioskCheckIn: fc.record({ identifier: fc.oneof(fc.constantFrom('PASS-0001', 'ada@example.com', 'x'.repeat(320)), textAtMost(320).filter((text) => text.trim().length > 0)) }),
  enterKiosk: fc.record({ sound: fc.constantFrom(true, false, undefined) }),
  leaveKiosk: fc.record({ staffId: textAtMost(200).filter(nonEmpty), pin: fc.constantFrom('', '0000', '9'.repeat(20)) }),
};

export const extremeApiCall = (): fc.Arbitrary<ExtremeCall> => fc.tuple(
  fc.constantFrom<ExtremeCall['desk']>('today', 'last-instant'),
  fc.constantFrom(...(Object.keys(extremePayloads) as DeskApiName[])),
).chain(([desk, name]) => extremePayloads[name].map((payload) => ({ desk, name, payload: withOptional(payload) })));

const clocks: Record<ExtremeCall['desk'], number> = { today: FUZZ_NOW_MS, 'last-instant': MAX_HLC_WALL_MS };

export async function fuzzApiExtremes(options: FuzzOptions): Promise<FuzzReport> {
  // Two desks (RxDB's open-core limit allows two in a realm); one is opened again when a call gave it staff.
  const desks = new Map<ExtremeCall['desk'], FuzzDesk>();
  const deskFor = async (which: ExtremeCall['desk']) => {
    const held = desks.get(which);
    if (held) return held;
    const opened = await openFuzzDesk({ nowMs: clocks[which] });
    desks.set(which, opened);
    return opened;
  };
  const check = async (call: ExtremeCall): Promise<Refused> => {
    const what = `${call.name} on the desk at ${call.desk === 'today' ? "the fuzz's day" : 'the last instant'}`;
    const opened = await deskFor(call.desk);
    const answer = (await opened.desk.call(call.name, call.payload)) as { ok?: unknown; error?: unknown };
    expectThat(typeof answer?.ok === 'boolean', () => `${what}: answered ${shortly(answer)}`);
    expectThat(answer.ok || (typeof answer.error === 'string' && answer.error !== 'internal'), () => `${what}: refused without a specific error: ${shortly(answer)} ${opened.logs.slice(-2).join(' | ')}`);
    // Whatever it wrote, the endpoint would take: the shared schema, a stamp within the bounds.
    for (const entry of opened.desk.context.memory.ledger.values()) {
      if (entry.deskId !== opened.desk.context.deskId) continue;
      const parsed = ledgerEntrySchema.safeParse(entry);
      expectThat(parsed.success && readHlc(entry.hlc) !== null, () => `${what}: wrote an entry the endpoint would refuse: ${shortly(entry)}: ${shortly(parsed.error?.issues)}`);
    }
    const status = await opened.desk.call('deskStatus', {});
    expectThat(status.ok, () => `${what}: the desk then answered deskStatus with ${shortly(status)}`);
    if (call.name === 'setFirstManager' && answer.ok) {
      // A desk with staff refuses calls to nobody signed in: the rest of the run gets a desk without.
      await opened.close();
      desks.delete(call.desk);
    }
    return { error: answer.ok ? 'ok' : `${String(answer.error)} (${call.name})` };
  };
  try {
    return await runFuzz('api-extremes', extremeApiCall(), check, options);
  } finally {
    for (const opened of desks.values()) await opened.close();
  }
}
