// Back-pressure for pulls: RxDB pulls the next batch without waiting for the last one to be
// stored, and stores whatever piled up meanwhile in one write. This counts the documents
// handed to RxDB that it has not written yet (each new document is written once and reported
// on the replication's `received$`), so that the pull handler can wait for room.

/** The longest a pulled batch waits for earlier ones to be written (a stuck write must not stop sync). */
const BACKLOG_WAIT_MS = 30_000;

/**
 * Documents handed to RxDB and not written yet. `roomFor` waits until at most one batch is
 * outstanding; if writes stop being reported (a write refused, a document RxDB found equal
 * after all), it gives up waiting after a while rather than stop the sync.
 */
export class WriteBacklog {
  private outstanding = 0;
  private waiter: (() => void) | null = null;

  constructor(private readonly batch: number) {}

  written(): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (this.waiter && this.outstanding <= this.batch) this.waiter();
  }

  async roomFor(count: number): Promise<void> {
    if (this.outstanding > this.batch) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        timer = setTimeout(resolve, BACKLOG_WAIT_MS);
      });
      clearTimeout(timer);
      this.waiter = null;
      if (this.outstanding > this.batch) this.outstanding = 0;
    }
    this.outstanding += count;
  }
}

