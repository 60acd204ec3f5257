// main's last line of defence, for both topologies (main/electron/main.ts and the browser desk's
// start, main/browser/startBrowserDesk.ts). Plain Node: no Electron here.
//
// Node ends the process on an exception nobody caught or a rejection nobody handled, and a bug
// in any callback (a sync timer, an RxDB subscription, a socket handler) would stop the door in
// the middle of a queue. Here each is logged with its stack and the desk's core (its database,
// in-memory venue and sync) is closed and opened again on the storage host that is connected
// (RunningDesk.restartCore): whatever the error left half-changed in memory is rebuilt from the
// storage. No acknowledged entry is lost by it: the desk answers a command only after its entry
// is written with strict durability in the storage host, which the restart does not touch.
// Calls that arrive meanwhile wait for the desk, as they do while the storage host reconnects.

type ProcessEvents = Pick<NodeJS.Process, 'on' | 'off'>;

export type KeepDeskAliveOptions = {
  log: (line: string) => void;
  /** Closes the desk's core and opens it again (RunningDesk.restartCore). */
  restartCore: (reason: string) => Promise<void>;
  /** The process whose errors are caught; tests give a stand-in. */
  process?: ProcessEvents;
  /**
   * Restarts are at least this far apart: a bug that throws again at once after each restart
   * must not spin the desk (or fill the log) faster than a person can read it.
   */
  minRestartGapMs?: number;
};

export const MIN_RESTART_GAP_MS = 5_000;

/** Installs the handlers; the function returned takes them away again. */
export function keepDeskAlive(options: KeepDeskAliveOptions): () => void {
  const { log } = options;
  const target = options.process ?? process;
  const gapMs = options.minRestartGapMs ?? MIN_RESTART_GAP_MS;
  let restarting = false;
  /** Errors that came while a restart ran: one more restart after it, whatever their number. */
  let pending: string | null = null;
  let lastRestartMs = -Infinity;

  const restart = (reason: string) => {
    if (restarting) {
      pending = reason;
      return;
    }
    restarting = true;
    const waitMs = Math.max(0, lastRestartMs + gapMs - Date.now());
    if (waitMs > 0) log(`desk: errors again soon after a restart; the desk's core restarts in ${waitMs} ms`);
    setTimeout(() => {
      lastRestartMs = Date.now();
      options.restartCore(reason)
        .catch((error: unknown) => log(`desk: restarting the desk's core failed: ${describe(error)}`))
        .finally(() => {
          restarting = false;
          const next = pending;
          pending = null;
          if (next !== null) restart(next);
        });
    }, waitMs);
  };

  const onException = (error: unknown) => {
    log(`desk: ERROR nobody caught (the desk's core restarts): ${describe(error)}`);
    restart('after an uncaught exception');
  };
  const onRejection = (reason: unknown) => {
    log(`desk: ERROR: a promise was rejected and nobody handled it (the desk's core restarts): ${describe(reason)}`);
    restart('after an unhandled rejection');
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

/** The error's stack, or whatever was thrown, in words; never throws itself. */
function describe(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`;
    return `a non-error value: ${String(thrown)}`;
  } catch {
    return 'a value that cannot be described';
  }
}
