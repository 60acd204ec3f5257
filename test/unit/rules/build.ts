// Test data for the pure rules: one builder per record, every field defaulted, any field
// overridable, so that a test row names only what its rule is about. Also the fast-check
// arbitraries for "any valid ledger of one pass" and the shared property-run settings.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Booking, CheckInEntry, ExpiryOverride, LedgerEntry, Pass, PassTerms } from '../../../shared/schema/records';
import { formatHlc } from '../../../shared/rules/hybridLogicalClock';
import type { PassState } from '../../../shared/rules/passState';
import { foldPassState } from '../../../shared/rules/passState';
import { addDays, instantMs, venueDayOf } from '../../../shared/rules/venueTime';

export const LONDON = 'Europe/London';
export const AUCKLAND = 'Pacific/Auckland';
export const LOS_ANGELES = 'America/Los_Angeles';

const DEFAULT_AT = '2026-02-01T18:00:00Z';

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/**
 * An instant given as the wall clock of a venue zone: `atVenueTime(LONDON, '2026-03-29T23:59')`.
 * Tests say "23:59 local on D" and this is the one place that turns it into an instant.
 */
export function atVenueTime(zone: string, local: string): string {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`not a local time in ${zone}: ${local}`);
  return dt.toISO()!;
}

/** A hybrid logical clock stamp whose wall time is `at`. */
export function stampAt(at: string, { counter = 0, desk = 'A' }: { counter?: number; desk?: string } = {}): string {
  return formatHlc({ wallMs: instantMs(at), counter }, desk);
}

export function aTerms(overrides: Partial<PassTerms> = {}): PassTerms {
  return { uses: 10, expiry: { kind: 'none' }, validFor: 'all', ...overrides };
}

export function aPass(overrides: Partial<Omit<Pass, 'terms'>> & { terms?: Partial<PassTerms> } = {}): Pass {
  const { terms, ...rest } = overrides;
  return {
    id: 'x1',
    customerId: 'c1',
    productId: 'p10',
    productName: '10 classes',
    purchasedAt: '2026-01-05T10:00:00Z',
    code: 'PASS-0001',
    ...rest,
    terms: aTerms(terms),
  };
}

/** A booking paid with the pass: the platform redeemed one use at `bookedAt`. */
export function aBooking(overrides: Partial<Booking> = {}): Booking {
  return { id: nextId('b'), sessionId: 's1', customerId: 'c1', passId: 'x1', bookedAt: DEFAULT_AT, ...overrides };
}

type Base = Pick<LedgerEntry, 'id' | 'venueId' | 'passId' | 'customerId' | 'deskId' | 'staff' | 'reason' | 'at' | 'hlc'>;

function base(prefix: string, overrides: Partial<Base>): Base {
  const at = overrides.at ?? DEFAULT_AT;
  const deskId = overrides.deskId ?? 'A';
  return {
    id: nextId(prefix),
    venueId: 'v1',
    passId: 'x1',
    customerId: 'c1',
    deskId,
    staff: 'sam',
    reason: '',
    at,
    hlc: stampAt(at, { desk: deskId }),
    ...overrides,
  };
}

/** A charged walk-in check-in unless told otherwise; `zone` only computes its venue day. */
export function aCheckIn(overrides: Partial<CheckInEntry> = {}, zone: string = LONDON): CheckInEntry {
  const b = base('ci', overrides);
  return {
    ...b,
    kind: 'check-in',
    sessionId: 's1',
    charged: true,
    bookingId: '',
    venueDay: venueDayOf(b.at, zone),
    ...overrides,
  };
}

/** A booked customer checked in: attendance only, nothing redeemed. */
export function anAttendanceOnlyCheckIn(overrides: Partial<CheckInEntry> = {}, zone: string = LONDON): CheckInEntry {
  return aCheckIn({ charged: false, bookingId: 'b-booked', ...overrides }, zone);
}

export function anUndo(checkIn: CheckInEntry, overrides: Partial<Base> = {}): LedgerEntry {
  return { ...base('undo', { at: checkIn.at, ...overrides }), kind: 'undo-check-in', sessionId: checkIn.sessionId, checkInId: checkIn.id };
}

export function anExpiryOverride(expiry: ExpiryOverride, overrides: Partial<Base> = {}): LedgerEntry {
  return { ...base('exp', overrides), kind: 'expiry-override', sessionId: '', expiry };
}

export function aUsesOverride(total: number, overrides: Partial<Base> = {}): LedgerEntry {
  return { ...base('uses', overrides), kind: 'uses-override', sessionId: '', total };
}

export function aRevoke(overrides: Partial<Base> = {}): LedgerEntry {
  return { ...base('rev', overrides), kind: 'revoke', sessionId: '' };
}

/** `n` charged check-ins on consecutive days from `firstAt`. */
export function checkInsOnConsecutiveDays(n: number, firstAt = '2026-01-10T18:00:00Z'): CheckInEntry[] {
  return Array.from({ length: n }, (_, i) => aCheckIn({ at: DateTime.fromISO(firstAt, { zone: 'UTC' }).plus({ days: i }).toISO()! }));
}

/** The fold at instant `at` (default: a day well after the defaults above) in the venue zone. */
export function stateOf(
  pass: Pass,
  { bookings = [], entries = [], at = '2026-02-10T12:00:00Z', zone = LONDON }:
    { bookings?: readonly Booking[]; entries?: readonly LedgerEntry[]; at?: string; zone?: string } = {},
): PassState {
  return foldPassState(pass, bookings, entries, zone, instantMs(at));
}

// ---------------------------------------------------------------------------------------
// Properties

/**
 * Property runs are on and deterministic: a constant seed (override with FC_SEED=... to
 * explore), and `verbose` so that a failure prints the seed, the path and the shrunk case.
 */
export const propertyRuns = {
  seed: Number(process.env.FC_SEED ?? 20260201),
  numRuns: Number(process.env.FC_RUNS ?? 300),
  verbose: true,
} as const;

/** The same items in any order, some of them delivered more than once. */
export function shuffledWithDuplicates<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  if (items.length === 0) return fc.constant([]);
  return fc
    .array(fc.nat({ max: items.length - 1 }), { maxLength: items.length * 2 })
    .chain((again) => {
      const all = [...items, ...again.map((i) => items[i]!)];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
}

type Action =
  | { kind: 'check-in'; charged: boolean }
  | { kind: 'undo-check-in'; target: number }
  | { kind: 'expiry-override'; expiry: ExpiryOverride }
  | { kind: 'uses-override'; total: number }
  | { kind: 'revoke' };

const LEDGER_START = DateTime.fromISO('2026-01-01T00:00:00Z', { zone: 'UTC' });

/** Few distinct days and times of day, so that equal wall times (ties on desk id) happen often. */
const instantArb = fc
  .record({ day: fc.nat({ max: 60 }), minuteOfDay: fc.constantFrom(0, 30, 660, 720, 1410, 1439) })
  .map(({ day, minuteOfDay }) => LEDGER_START.plus({ days: day, minutes: minuteOfDay }).toISO()!);

const expiryOverrideArb: fc.Arbitrary<ExpiryOverride> = fc.oneof(
  fc.nat({ max: 120 }).map((d): ExpiryOverride => ({ kind: 'fixed', date: addDays('2026-01-15', d) })),
  fc.integer({ min: 1, max: 60 }).map((days): ExpiryOverride => ({ kind: 'relative', days })),
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.boolean().map((charged): Action => ({ kind: 'check-in', charged })) },
  { weight: 2, arbitrary: fc.nat().map((target): Action => ({ kind: 'undo-check-in', target })) },
  { weight: 2, arbitrary: expiryOverrideArb.map((expiry): Action => ({ kind: 'expiry-override', expiry })) },
  { weight: 2, arbitrary: fc.nat({ max: 10 }).map((total): Action => ({ kind: 'uses-override', total })) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'revoke' }) },
);

export type GeneratedLedger = {
  zone: string;
  pass: Pass;
  bookings: Booking[];
  entries: LedgerEntry[];
  nowMs: number;
};

/**
 * Any valid ledger of one pass: charged and attendance-only check-ins, undos of some of
 * them (several desks may undo the same one), expiry and uses overrides with distinct
 * hybrid logical clock stamps (equal wall times broken by counter or desk), revocations;
 * plus bookings paid with the pass. Every entry has a unique id and a unique stamp.
 */
export const passLedgerArb: fc.Arbitrary<GeneratedLedger> = fc
  .record({
    zone: fc.constantFrom(LONDON, AUCKLAND, LOS_ANGELES),
    uses: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    expiry: fc.oneof(
      fc.constant<PassTerms['expiry']>({ kind: 'none' }),
      expiryOverrideArb.map((rule): PassTerms['expiry'] => rule),
    ),
    bookedAt: fc.uniqueArray(instantArb, { maxLength: 3 }),
    // A few moments shared by all the steps: equal wall times on several desks are common.
    moments: fc.uniqueArray(instantArb, { minLength: 1, maxLength: 8 }),
    now: instantArb,
  })
  .chain((ledger) => fc
    .uniqueArray(
      fc.record({
        at: fc.constantFrom(...ledger.moments),
        counter: fc.nat({ max: 1 }),
        desk: fc.constantFrom('A', 'B', 'C'),
        action: actionArb,
      }),
      { selector: (s) => `${s.at}|${s.counter}|${s.desk}`, maxLength: 20 },
    )
    .map((steps) => ({ ...ledger, steps })))
  .map(({ zone, uses, expiry, bookedAt, steps, now }) => {
    const pass = aPass({ purchasedAt: '2025-12-31T10:00:00Z', terms: { uses, expiry } });
    const bookings = bookedAt.map((at, i) => aBooking({ id: `b${i}`, bookedAt: at }));
    const entries: LedgerEntry[] = [];
    const checkIns: CheckInEntry[] = [];
    steps.forEach(({ at, counter, desk, action }, i) => {
      const common = { id: `e${i}`, at, deskId: desk, hlc: stampAt(at, { counter, desk }) };
      switch (action.kind) {
        case 'check-in': {
          const checkIn = aCheckIn({ ...common, charged: action.charged, sessionId: i % 3 === 0 ? '' : 's1' }, zone);
          checkIns.push(checkIn);
          entries.push(checkIn);
          break;
        }
        case 'undo-check-in': {
          const target = checkIns[action.target % Math.max(1, checkIns.length)];
          if (target) entries.push(anUndo(target, common));
          break;
        }
        case 'expiry-override':
          entries.push(anExpiryOverride(action.expiry, common));
          break;
        case 'uses-override':
          entries.push(aUsesOverride(action.total, common));
          break;
        case 'revoke':
          entries.push(aRevoke(common));
          break;
      }
    });
    return { zone, pass, bookings, entries, nowMs: instantMs(now) };
  });
