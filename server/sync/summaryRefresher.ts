// Keeps every venue's pass summaries close to its ledger while entries arrive, so that opening
// a snapshot (which refreshes first) rarely has more than a few seconds' entries to add. A
// timer in the server process: each tick asks which venues have entries their summaries do
// not include (one index probe per venue: nothing to do costs next to nothing) and refreshes
// them one after the other. Several processes on one database may tick at once; the refresh's
// advisory lock makes them share the work (summaryRefresh.ts).
import type { Database } from '../db/database';
import { venuesWithNewEntries } from '../db/passSummaries';
import { refreshPassSummaries } from './summaryRefresh';

export const DEFAULT_SUMMARY_REFRESH_MS = 30_000;

export class SummaryRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  /** `mayWrite`: false while the disk is short (server/storage/storageGuard.ts): the round waits for the next tick. */
  constructor(private readonly db: Database, private readonly intervalMs: number, private readonly onError: (error: unknown) => void, private readonly mayWrite: () => Promise<boolean> = async () => true) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    // The server's open socket keeps the process alive, not this.
    this.timer.unref();
  }

  /** One round now, unless one is under way (then that one). */
  tick(): Promise<void> {
    if (this.stopping.signal.aborted) return Promise.resolve();
    this.running ??= this.refreshAll()
      .catch((error: unknown) => {
        if (!this.stopping.signal.aborted) this.onError(error);
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** No more rounds; a round under way ends after its current page (the summaries stay consistent). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running;
  }

  private async refreshAll(): Promise<void> {
    if (!(await this.mayWrite())) return;
    for (const venueId of await venuesWithNewEntries(this.db)) {
      if (this.stopping.signal.aborted) return;
      await refreshPassSummaries(this.db, venueId, { signal: this.stopping.signal });
    }
  }
}
