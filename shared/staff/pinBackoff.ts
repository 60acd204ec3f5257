// SPEC: "Repeated wrong PINs slow further tries down." Four wrong PINs in a row cost nothing
// (fingers slip at a shift change); from the fifth on, the desk waits before it takes another
// try, 30 s doubling to 15 minutes. Counted twice: per desk (a guesser trying every name is
// slowed just the same) and per staff member (a colleague's right PIN does not forgive the
// wrong ones tried for this person). A try waits out the longer of the two; a right PIN starts
// its person's count and the desk's again.
import { z } from 'zod';

export const FREE_PIN_FAILURES = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** How long after the last wrong PIN the desk takes the next try, after `failures` wrong ones in a row. */
export function pinWaitMs(failures: number): number {
  if (failures <= FREE_PIN_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_PIN_FAILURES - 1));
}

/** Wrong PINs in a row, and when the last one was typed (the desk's clock, ms). */
export const wrongPinRunSchema = z.object({ failures: z.number().int().min(0).max(1_000_000), lastMs: z.number().finite() }).strict();
export type WrongPinRun = z.infer<typeof wrongPinRunSchema>;
export const noWrongPins: WrongPinRun = { failures: 0, lastMs: 0 };

/** The wrong PINs a desk remembers: its own run, and each staff member's (by staff id). */
export const wrongPinsSchema = z.object({ desk: wrongPinRunSchema, byStaff: z.record(z.string().min(1).max(200), wrongPinRunSchema) }).strict();
export type WrongPins = z.infer<typeof wrongPinsSchema>;
export const noWrongPinsAtAll: WrongPins = { desk: noWrongPins, byStaff: {} };

/** What is left to wait, at `nowMs`, after `run`. */
export function waitLeftMs(run: WrongPinRun, nowMs: number): number {
  const wait = pinWaitMs(run.failures);
  return wait === 0 ? 0 : Math.max(0, run.lastMs + wait - nowMs);
}

/** The run a try for `staffId` waits on: the desk's or the person's, whichever waits longer. */
export function governingRun(pins: WrongPins, staffId: string | null, nowMs: number): WrongPinRun {
  const own = staffId === null ? noWrongPins : pins.byStaff[staffId] ?? noWrongPins;
  const [deskWait, ownWait] = [waitLeftMs(pins.desk, nowMs), waitLeftMs(own, nowMs)];
  if (ownWait !== deskWait) return ownWait > deskWait ? own : pins.desk;
  return own.failures > pins.desk.failures ? own : pins.desk;
}

/** One more wrong PIN for `staffId`, at `nowMs`. */
export function afterWrongPin(pins: WrongPins, staffId: string, nowMs: number): WrongPins {
  const own = pins.byStaff[staffId] ?? noWrongPins;
  return { desk: { failures: pins.desk.failures + 1, lastMs: nowMs }, byStaff: { ...pins.byStaff, [staffId]: { failures: own.failures + 1, lastMs: nowMs } } };
}

/** A right PIN for `staffId`: their count and the desk's start again. */
export function afterRightPin(pins: WrongPins, staffId: string): WrongPins {
  if (pins.desk.failures === 0 && pins.byStaff[staffId] === undefined) return pins;
  const byStaff = { ...pins.byStaff };
  delete byStaff[staffId];
  return { desk: noWrongPins, byStaff };
}
