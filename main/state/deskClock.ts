// This computer's clock, measured against the endpoint's (SPEC "Clocks": "a desk whose clock is
// off from the endpoint's says so until it is fixed"; docs/architecture.md "Clocks that cannot
// be poisoned"). A desk whose wall clock is off by more than ε dates and stamps its new entries
// from the corrected time. A measurement holds only while the wall clock runs like the
// monotonic one: when it jumps (someone set it right, or the computer slept) the offset is
// measured again before it is used, so that a clock just fixed is never "corrected" back.
import { CLOCK_SKEW_BOUND_MS } from '../../shared/rules/hybridLogicalClock';

/** A jump of the wall clock against the monotonic clock larger than this voids a measurement. */
const JUMP_MS = 60_000;

type Measurement = { offsetMs: number; wallAt: number; monotonicAt: number };

export class DeskClock {
  private measurement: Measurement | null = null;

  constructor(
    /** The wall clock (milliseconds); a parameter so that scenarios and tests set it. */
    readonly wallNow: () => number,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  /**
   * A measurement: the endpoint's time `serverMs`, answered to a request sent at wall time
   * `sentMs` and answered at `receivedMs` (this clock); the request's middle is when it was read.
   */
  measured(serverMs: number, sentMs: number, receivedMs: number): void {
    const offsetMs = Math.round(serverMs - (sentMs + receivedMs) / 2);
    this.measurement = { offsetMs, wallAt: this.wallNow(), monotonicAt: this.monotonicNow() };
  }

  /** The endpoint's time minus this computer's; null: never measured, or the wall clock jumped since. */
  get offsetMs(): number | null {
    const measurement = this.measurement;
    if (!measurement) return null;
    const drift = (this.wallNow() - measurement.wallAt) - (this.monotonicNow() - measurement.monotonicAt);
    return Math.abs(drift) > JUMP_MS ? null : measurement.offsetMs;
  }

  /** The wall clock is off from the endpoint's by more than ε. */
  get wrong(): boolean {
    const offset = this.offsetMs;
    return offset !== null && Math.abs(offset) > CLOCK_SKEW_BOUND_MS;
  }

  /** The desk's time: the wall clock, corrected when it is wrong. */
  now(): number {
    const offset = this.offsetMs;
    const wall = this.wallNow();
    return offset !== null && Math.abs(offset) > CLOCK_SKEW_BOUND_MS ? wall + offset : wall;
  }
}
