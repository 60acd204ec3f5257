// SPEC: "Repeated wrong PINs slow further tries down." Four wrong PINs in a row cost nothing
// (fingers slip at a shift change); from the fifth on, the desk waits before it takes another
// try, 30 s doubling to 15 minutes. Per desk, not per person: a guesser trying every name is
// slowed just the same. A right PIN starts the count again.
export const FREE_PIN_FAILURES = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** How long after the last wrong PIN the desk takes the next try, after `failures` wrong ones in a row. */
export function pinWaitMs(failures: number): number {
  if (failures <= FREE_PIN_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_PIN_FAILURES - 1));
}
