// Calls from the renderer come first: background work (a new desk's first sync) waits between
// its small steps while any call is under way (docs/performance.md: a check-in's p99 during a
// first sync). Not part of the desk's state: the sync is handed only `idle`.
//
// Waiting for the calls in flight is not enough while the door is in use: a check-in that
// arrives while a step is under way (a 256 KB bundle being written) waits for it in the
// storage host's IndexedDB, and every step of the sync takes the disk and a core from the
// door's next call (profiled in docs/performance.md). So a step that says how long it took
// (`idle(stepMs)`) rests as long again before its next turn while a call ran within the last
// DOOR_IN_USE_MS: the background holds the storage at most half the time while people are
// being let in, and goes at full pace again once the door is quiet.

import { setTimeout as sleep } from 'node:timers/promises';

/** A call within this long counts as the door being in use. */
export const DOOR_IN_USE_MS = 2_000;
/** The longest rest after one step, whatever it took. */
export const MAX_REST_MS = 1_000;

export class CallScheduler {
  private callsUnderway = 0;
  private idleWaiters: (() => void)[] = [];
  private lastCallEndedMs = Number.NEGATIVE_INFINITY;

  /** `clock`: milliseconds of a monotonic clock; `rest`: waits that long (tests: fakes of both). */
  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly rest: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
  ) {}

  /** Runs one call from the renderer; background work waits while any runs (`idle`). */
  async serving<T>(call: () => Promise<T>): Promise<T> {
    this.callsUnderway += 1;
    try {
      return await call();
    } finally {
      this.callsUnderway -= 1;
      this.lastCallEndedMs = this.clock();
      if (this.callsUnderway === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Whether a call is under way or ended within DOOR_IN_USE_MS. */
  doorInUse(): boolean {
    return this.callsUnderway > 0 || this.clock() - this.lastCallEndedMs < DOOR_IN_USE_MS;
  }

  /**
   * Resolves when no call is under way, after letting anything already waiting (a call that
   * just arrived on the socket) start first: background work calls it between small steps.
   * `stepMs`, how long the step just done held the storage: while the door is in use, the
   * background rests as long (at most MAX_REST_MS) before its turn. An arrow, so that it can
   * be handed on as a function.
   */
  readonly idle = async (stepMs = 0): Promise<void> => {
    if (stepMs > 0 && this.doorInUse()) await this.rest(Math.min(stepMs, MAX_REST_MS));
    await new Promise((resolve) => setImmediate(resolve));
    while (this.callsUnderway > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  };
}
