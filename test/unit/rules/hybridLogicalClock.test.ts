// SPEC "Offline and several desks": "one deterministic winner is chosen (latest change by a
// hybrid logical clock, ties broken by desk id)". The stamp is a string that sorts like the clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HlcState } from '../../../shared/rules/hybridLogicalClock';
import { compareHlc, formatHlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../../shared/rules/hybridLogicalClock';
import { propertyRuns } from './build';

/** Clock order: wall time, then counter. */
function compareClock(a: HlcState, b: HlcState): number {
  return Math.sign(a.wallMs - b.wallMs) || Math.sign(a.counter - b.counter);
}

const MAX_COUNTER = 999_999;

describe('tick: the next stamp for a local event', () => {
  it.each([
    { rule: 'the wall clock moved on: take it, counter 0', state: { wallMs: 1000, counter: 4 }, now: 2000, next: { wallMs: 2000, counter: 0 } },
    { rule: 'the same millisecond: the counter goes up', state: { wallMs: 1000, counter: 4 }, now: 1000, next: { wallMs: 1000, counter: 5 } },
    { rule: 'the wall clock went backwards: keep the wall time, the counter goes up', state: { wallMs: 1000, counter: 4 }, now: 500, next: { wallMs: 1000, counter: 5 } },
    { rule: 'a counter overflow moves a millisecond ahead', state: { wallMs: 1000, counter: MAX_COUNTER }, now: 900, next: { wallMs: 1001, counter: 0 } },
    { rule: 'from the initial clock', state: initialHlc, now: 1_769_968_800_000, next: { wallMs: 1_769_968_800_000, counter: 0 } },
  ])('$rule', ({ state, now, next }) => {
    expect(tickHlc(state, now)).toEqual(next);
    expect(compareClock(tickHlc(state, now), state)).toBe(1);
  });

  it('is strictly monotonic for any sequence of wall readings, a clock going backwards included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 50 }), (readings) => {
        let clock = initialHlc;
        for (const now of readings) {
          const next = tickHlc(clock, now);
          expect(compareClock(next, clock)).toBe(1);
          expect(next.wallMs).toBeGreaterThanOrEqual(now);
          expect(formatHlc(next, 'A') > formatHlc(clock, 'A')).toBe(true);
          clock = next;
        }
      }),
      propertyRuns,
    );
  });
});

describe('receive: the clock after seeing a stamp from another desk', () => {
  it.each([
    { rule: 'the remote is ahead: follow it, its counter + 1', local: { wallMs: 1000, counter: 2 }, remote: { wallMs: 3000, counter: 7 }, now: 1500, next: { wallMs: 3000, counter: 8 } },
    { rule: 'the local clock is ahead: keep it, counter + 1', local: { wallMs: 3000, counter: 2 }, remote: { wallMs: 1000, counter: 7 }, now: 1500, next: { wallMs: 3000, counter: 3 } },
    { rule: 'equal wall times: the larger counter + 1', local: { wallMs: 3000, counter: 2 }, remote: { wallMs: 3000, counter: 7 }, now: 1500, next: { wallMs: 3000, counter: 8 } },
    { rule: 'the wall clock is ahead of both: take it, counter 0', local: { wallMs: 1000, counter: 2 }, remote: { wallMs: 2000, counter: 7 }, now: 5000, next: { wallMs: 5000, counter: 0 } },
    { rule: 'a counter overflow moves a millisecond ahead', local: { wallMs: 3000, counter: MAX_COUNTER }, remote: { wallMs: 3000, counter: 1 }, now: 0, next: { wallMs: 3001, counter: 0 } },
  ])('$rule', ({ local, remote, now, next }) => {
    expect(receiveHlc(local, remote, now)).toEqual(next);
  });

  it('is after both the local and the remote clock, and not before the wall clock (property)', () => {
    // Small ranges make equal wall times (and counters at the overflow edge) common.
    const clockArb = fc.record({
      wallMs: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5_000 })),
      counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(MAX_COUNTER), fc.integer({ min: 0, max: MAX_COUNTER })),
    });
    fc.assert(
      fc.property(clockArb, clockArb, fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5_000 })), (local, remote, now) => {
        const next = receiveHlc(local, remote, now);
        expect(compareClock(next, local)).toBe(1);
        expect(compareClock(next, remote)).toBe(1);
        expect(next.wallMs).toBeGreaterThanOrEqual(now);
      }),
      propertyRuns,
    );
  });
});

describe('stamps: the string order is the clock order, ties broken by desk id', () => {
  it.each([
    { rule: 'a later wall time wins over a larger counter', a: formatHlc({ wallMs: 2, counter: 0 }, 'A'), b: formatHlc({ wallMs: 1, counter: 999 }, 'Z'), order: 1 },
    { rule: 'a larger counter wins at the same wall time', a: formatHlc({ wallMs: 1, counter: 10 }, 'A'), b: formatHlc({ wallMs: 1, counter: 9 }, 'Z'), order: 1 },
    { rule: 'equal clocks: the desk id decides', a: formatHlc({ wallMs: 1, counter: 0 }, 'B'), b: formatHlc({ wallMs: 1, counter: 0 }, 'A'), order: 1 },
    { rule: 'the same stamp', a: formatHlc({ wallMs: 1, counter: 0 }, 'A'), b: formatHlc({ wallMs: 1, counter: 0 }, 'A'), order: 0 },
  ])('$rule', ({ a, b, order }) => {
    expect(compareHlc(a, b)).toBe(order);
    expect(compareHlc(b, a)).toBe(0 - order); // 0 - 0 is +0, as compareHlc returns
  });

  it('round-trips through parse', () => {
    expect(parseHlc(formatHlc({ wallMs: 1_769_968_800_000, counter: 42 }, 'desk:A'))).toEqual({ wallMs: 1_769_968_800_000, counter: 42, deskId: 'desk:A' });
    expect(() => parseHlc('not a stamp')).toThrow();
  });

  it('compares as the clock, then the desk id, for any two stamps (property)', () => {
    const stampArb = fc.record({
      wallMs: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 999_999_999_999_999 })),
      counter: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: MAX_COUNTER })),
      deskId: fc.oneof(fc.constantFrom('A', 'B', 'AB', 'desk-1', 'desk-10', 'desk-2'), fc.string({ minLength: 1, maxLength: 8 })),
    });
    fc.assert(
      fc.property(stampArb, stampArb, (a, b) => {
        const byClock = compareClock(a, b) || (a.deskId < b.deskId ? -1 : a.deskId > b.deskId ? 1 : 0);
        expect(compareHlc(formatHlc(a, a.deskId), formatHlc(b, b.deskId))).toBe(byClock);
        expect(parseHlc(formatHlc(a, a.deskId))).toEqual(a);
      }),
      propertyRuns,
    );
  });
});
