// A hybrid logical clock (Kulkarni et al.): wall time, a counter, the desk id. SPEC: "one
// deterministic winner is chosen (latest change by a hybrid logical clock, ties broken by
// desk id)". The stamp is a string that sorts exactly like the clock, so "latest" is a
// plain string comparison everywhere (memory, IndexedDB indexes, SQL).
// The wall clock is a parameter: this module never reads a clock itself.

export type HlcState = { wallMs: number; counter: number };

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export const initialHlc: HlcState = { wallMs: 0, counter: 0 };

export function formatHlc(state: HlcState, deskId: string): string {
  return `${String(state.wallMs).padStart(WALL_DIGITS, '0')}:${String(state.counter).padStart(COUNTER_DIGITS, '0')}:${deskId}`;
}

export function parseHlc(stamp: string): HlcState & { deskId: string } {
  const match = /^(\d{15}):(\d{6}):(.+)$/.exec(stamp);
  if (!match) throw new Error(`not a hybrid logical clock stamp: ${stamp}`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), deskId: match[3]! };
}

/** The next stamp for a local event at wall time `nowMs`. */
export function tickHlc(state: HlcState, nowMs: number): HlcState {
  if (nowMs > state.wallMs) return { wallMs: nowMs, counter: 0 };
  return bump(state.wallMs, state.counter + 1);
}

/** The clock after seeing a stamp from elsewhere (a synced or already stored entry). */
export function receiveHlc(state: HlcState, remote: HlcState, nowMs: number): HlcState {
  const wallMs = Math.max(state.wallMs, remote.wallMs, nowMs);
  if (wallMs === state.wallMs && wallMs === remote.wallMs) return bump(wallMs, Math.max(state.counter, remote.counter) + 1);
  if (wallMs === state.wallMs) return bump(wallMs, state.counter + 1);
  if (wallMs === remote.wallMs) return bump(wallMs, remote.counter + 1);
  return { wallMs, counter: 0 };
}

function bump(wallMs: number, counter: number): HlcState {
  // A counter overflow moves the clock a millisecond ahead rather than breaking the order.
  return counter > MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0 } : { wallMs, counter };
}

/** Compares two stamps: the later clock wins; the desk id breaks ties (it is the suffix). */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
