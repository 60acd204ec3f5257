// Calls from the renderer come first: background work (a new desk's first sync) waits between
// its small steps while any call is under way (docs/performance.md: a check-in's p99 during a
// first sync). Not part of the desk's state: the sync is handed only `idle`.

export class CallScheduler {
  private callsUnderway = 0;
  private idleWaiters: (() => void)[] = [];

  /** Runs one call from the renderer; background work waits while any runs (`idle`). */
  async serving<T>(call: () => Promise<T>): Promise<T> {
    this.callsUnderway += 1;
    try {
      return await call();
    } finally {
      this.callsUnderway -= 1;
      if (this.callsUnderway === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /**
   * Resolves when no call is under way, after letting anything already waiting (a call that
   * just arrived on the socket) start first: background work calls it between small steps.
   * An arrow, so that it can be handed on as a function.
   */
  readonly idle = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.callsUnderway > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  };
}
