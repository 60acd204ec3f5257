// Extreme but valid: every value the shared schema allows at its edge (issue 12, item 7), for
// the fuzz to send beside the bad ones. Texts at their longest in the characters that take the
// most room (three UTF-8 bytes for one UTF-16 unit, surrogate pairs, characters JSON escapes),
// stamps at the largest wall time and counter the endpoint takes, instants far in the past and
// future, nesting as deep as a body may go.
import fc from 'fast-check';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_COUNTER, MAX_HLC_DESK_ID_LENGTH } from '../../shared/rules/hybridLogicalClock';
import { MAX_JSON_DEPTH } from '../../shared/schema/jsonDepth';

/** Characters by what they cost: JSON escapes, 3-byte UTF-8, a surrogate pair (2 UTF-16 units, which zod counts). */
const widest = ['€', '漢', 'ｱ'];
const unitsOf = (text: string) => text.length;

/** A text of exactly `length` UTF-16 units (the unit zod's max counts), of one kind of character. */
export const textAtMost = (length: number): fc.Arbitrary<string> => fc.constantFrom(
  'x'.repeat(length),
  widest[0]!.repeat(length),
  widest[1]!.repeat(length),
  '😀'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2),
  '"\\\n\t\u2028<'.repeat(Math.ceil(length / 6)).slice(0, length),
  '\u0001'.repeat(length),
).filter((text) => unitsOf(text) <= length && !/[\ud800-\udbff]$/.test(text));

/** The widest text the schema allows at `length` units: what the body limit is sized for. */
export const widestText = (length: number) => widest[0]!.repeat(length);

/** A stamp at the edges the endpoint takes: its clock plus the skew bound, or the start of time; the largest counter. */
export const extremeHlc = (nowMs: number, deskId: string): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(0, 1, nowMs, nowMs + CLOCK_SKEW_BOUND_MS - 1_000), fc.constantFrom(0, 1, MAX_HLC_COUNTER))
    .map(([wallMs, counter]) => `${String(wallMs).padStart(15, '0')}:${String(counter).padStart(6, '0')}:${deskId}`);

export const extremeInstant = (nowMs: number): fc.Arbitrary<string> =>
  fc.constantFrom('0001-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z', new Date(nowMs).toISOString(), '9999-12-31T23:59:59.999Z', '2026-03-10T08:00:00.000+14:00', '2026-03-10T08:00:00-12:00');

export const extremeDate = (): fc.Arbitrary<string> => fc.constantFrom('0001-01-01', '1970-01-01', '2026-02-28', '2028-02-29', '9999-12-31');

/** A value nested `depth` levels deep (an array in an object in …), whatever is around it. */
export function nestedValue(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { deeper: value };
  return value;
}

/** A push body's own nesting above an assumedMasterState's value: body, rows, row, state. */
export const PUSH_ENVELOPE_DEPTH = 4;
export const deepestAssumedState = () => ({ deepest: nestedValue(MAX_JSON_DEPTH - PUSH_ENVELOPE_DEPTH) });

/** The ids and texts of a ledger entry with every text at its longest, in the widest characters. */
export function widestCheckIn(venueId: string, serial: number, nowMs: number): Record<string, unknown> {
  const unique = `${serial}-`;
  const id = (length: number) => unique + widestText(length - unique.length);
  const deskId = widestText(MAX_HLC_DESK_ID_LENGTH);
  return {
    id: id(200), venueId, kind: 'check-in', passId: id(200), customerId: id(200), sessionId: id(200), bookingId: id(200),
    deskId, staff: widestText(200), reason: widestText(500), at: new Date(nowMs).toISOString(),
    hlc: `${String(nowMs).padStart(15, '0')}:${String(MAX_HLC_COUNTER).padStart(6, '0')}:${deskId}`, charged: true, venueDay: '2026-03-10',
  };
}
