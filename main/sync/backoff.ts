// Retry delays that grow while the endpoint stays away and start small again once it answers:
// a venue's flaky network is retried quickly, a server down for an hour is not hammered, and
// an endpoint that says how long to wait (429 with Retry-After) is not asked again sooner.
export type BackoffOptions = { initialMs: number; maxMs: number; random?: () => number };

export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /**
   * The delay before the next attempt: doubling, capped, with jitter so that desks spread out;
   * never shorter than the endpoint asked (`askedMs`, its Retry-After), even past the cap.
   */
  next(askedMs = 0): number {
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    const random = this.options.random ?? Math.random;
    return Math.max(askedMs, Math.round(ceiling / 2 + (random() * ceiling) / 2));
  }

  reset(): void {
    this.attempt = 0;
  }
}
