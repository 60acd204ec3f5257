// A hybrid logical clock (Kulkarni et al.): wall time, a counter, the desk id. SPEC: "one
// deterministic winner is chosen (latest change by a hybrid logical clock, ties broken by
// desk id)". The stamp is a string that sorts exactly like the clock, so "latest" is a
// plain string comparison everywhere (memory, IndexedDB indexes, SQL).
// The wall clock is a parameter: this module never reads a clock itself.
//
// SPEC "Clocks": "No entry from any desk, whatever its time stamp, may stop another desk or
// move its clock far from real time." Every clock here stays within the bounds of the stamp's
// format (docs/architecture.md "Clocks that cannot be poisoned"): no arithmetic can produce a
// 16-digit wall part, and a stamp more than ε ahead of this desk's wall time does not move it.

export type HlcState = { wallMs: number; counter: number };

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
export const MAX_HLC_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** The last instant an ISO date can name (9999-12-31T23:59:59.999Z): the largest wall time a stamp may hold. */
export const MAX_HLC_WALL_MS = 253_402_300_799_999;
export const MAX_HLC_DESK_ID_LENGTH = 200;
/**
 * ε: how far ahead of a desk's own wall time another desk's stamp may pull its clock, and how
 * far ahead of the endpoint's clock a pushed stamp may be. Why 5 minutes: docs/architecture.md.
 */
export const CLOCK_SKEW_BOUND_MS = 5 * 60_000;

export const initialHlc: HlcState = { wallMs: 0, counter: 0 };

/** A stamp's clock: the desk id is the rest of it, read by isDeskId (one rule for both). */
const stampClockPattern = /^(\d{15}):(\d{6}):/;
const STAMP_CLOCK_LENGTH = WALL_DIGITS + 1 + COUNTER_DIGITS + 1;
/**
 * Characters a desk id may not hold: control characters (U+0000 to U+001F, U+007F to U+009F),
 * the line and paragraph separators (U+2028, U+2029), and half of a surrogate pair (a whole
 * pair, an emoji say, is taken). Written as ranges, not Unicode properties, so every version of
 * the rule (endpoint, desk, browser) agrees on every character.
 */
// eslint-disable-next-line no-control-regex -- control characters are what the rule refuses
const deskIdPattern = /^(?:[^\0-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])+$/;

/**
 * A desk id: 1 to 200 UTF-16 units of printable text (no control character, line break or half
 * of a surrogate pair). It ends every stamp the desk makes, so the rule is one for the id and
 * the stamp: any desk id taken here forms a stamp readHlc reads back (docs/architecture.md
 * "Clocks that cannot be poisoned").
 */
export function isDeskId(text: string): boolean {
  return text.length >= 1 && text.length <= MAX_HLC_DESK_ID_LENGTH && deskIdPattern.test(text);
}

export function formatHlc(state: HlcState, deskId: string): string {
  return `${String(state.wallMs).padStart(WALL_DIGITS, '0')}:${String(state.counter).padStart(COUNTER_DIGITS, '0')}:${deskId}`;
}

/** The stamp's clock and desk, or null when it is not a stamp within the bounds. */
export function readHlc(stamp: string): (HlcState & { deskId: string }) | null {
  const match = stampClockPattern.exec(stamp);
  if (!match) return null;
  const wallMs = Number(match[1]);
  const deskId = stamp.slice(STAMP_CLOCK_LENGTH);
  if (wallMs > MAX_HLC_WALL_MS || !isDeskId(deskId)) return null;
  return { wallMs, counter: Number(match[2]), deskId };
}

/** Whether a string is a stamp within the bounds (the shared schema's rule). */
export function isHlcWithinBounds(stamp: string): boolean {
  return readHlc(stamp) !== null;
}

/** Like readHlc, for stamps already checked by the schema: a bad one is a bug here. */
export function parseHlc(stamp: string): HlcState & { deskId: string } {
  const read = readHlc(stamp);
  if (!read) throw new Error(`not a hybrid logical clock stamp: ${stamp}`);
  return read;
}

/** The next stamp for a local event at wall time `nowMs`. */
export function tickHlc(state: HlcState, nowMs: number): HlcState {
  const wall = wallWithinBounds(nowMs);
  if (wall > state.wallMs) return { wallMs: wall, counter: 0 };
  return bump(state.wallMs, state.counter + 1);
}

/**
 * The clock after seeing a stamp from elsewhere (a synced or already stored entry). A remote
 * stamp more than `skewBoundMs` ahead of `nowMs` does not move the clock at all (the entry is
 * still stored and counted by the caller): the HLC paper's rule for a message too far ahead.
 */
export function receiveHlc(state: HlcState, remote: HlcState, nowMs: number, skewBoundMs = CLOCK_SKEW_BOUND_MS): HlcState {
  const now = wallWithinBounds(nowMs);
  const bound = now + skewBoundMs;
  if (remote.wallMs > bound) return state;
  const next = followed(state, remote, now);
  // At the bound itself, a remote counter near its end would carry the clock (now, or at the
  // next local tick) a millisecond past ε: such a stamp does not move the clock either.
  if (next.wallMs > state.wallMs && (next.wallMs > bound || (next.wallMs === bound && next.counter === MAX_HLC_COUNTER))) return state;
  return next;
}

function followed(state: HlcState, remote: HlcState, now: number): HlcState {
  const wallMs = Math.max(state.wallMs, remote.wallMs, now);
  if (wallMs === state.wallMs && wallMs === remote.wallMs) return bump(wallMs, Math.max(state.counter, remote.counter) + 1);
  if (wallMs === state.wallMs) return bump(wallMs, state.counter + 1);
  if (wallMs === remote.wallMs) return bump(wallMs, remote.counter + 1);
  return { wallMs, counter: 0 };
}

/** A stamp moved by `offsetMs` (a desk's measured clock error), kept within the bounds. */
export function shiftHlc(stamp: string, offsetMs: number): string | null {
  const read = readHlc(stamp);
  if (!read) return null;
  return formatHlc({ wallMs: wallWithinBounds(read.wallMs + offsetMs), counter: read.counter }, read.deskId);
}

function wallWithinBounds(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) return 0;
  return Math.min(Math.floor(ms), MAX_HLC_WALL_MS);
}

function bump(wallMs: number, counter: number): HlcState {
  if (counter <= MAX_HLC_COUNTER) return { wallMs, counter };
  // A counter overflow moves the clock a millisecond ahead rather than breaking the order; at
  // the last instant a stamp can hold it stays there (stamps repeat rather than overflow).
  return wallMs < MAX_HLC_WALL_MS ? { wallMs: wallMs + 1, counter: 0 } : { wallMs, counter: MAX_HLC_COUNTER };
}

/** Compares two stamps: the later clock wins; the desk id breaks ties (it is the suffix). */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
