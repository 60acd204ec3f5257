// This desk's own entries the endpoint refused as stamped ahead of its clock (`clock-ahead`),
// kept for the whole life of the desk (sync sessions come and go): each entry's times as it
// was first made, which every re-timing starts from (main/sync/clockAhead.ts), and the ones
// that cannot be sent yet, with why, for the review list (main/queries/syncReview.ts). SPEC
// "nothing is silently dropped": an entry held back is listed for a person, never only logged.
import type { LedgerKind } from '../../shared/schema/records';
import type { NotSentReason } from '../../shared/rules/mergeReview';

export type FirstMade = { hlc: string; at: string; kind: LedgerKind };

export class ClockAheadEntries {
  private readonly firstMade = new Map<string, FirstMade>();
  /** id → the stamp it was last re-timed to. */
  private readonly retimed = new Map<string, string>();
  private readonly waiting = new Map<string, NotSentReason>();

  /** The entry's times as first refused (`current` the first time it is asked). */
  firstTimes(id: string, current: FirstMade): FirstMade {
    const known = this.firstMade.get(id);
    if (known) return known;
    this.firstMade.set(id, current);
    return current;
  }

  /**
   * Whether the endpoint refused it as re-timed (`stamp` is what it was sent with): a refusal
   * again. A batch sent before the re-timing and refused late carries the old stamp: not again.
   */
  refusedAsRetimed(id: string, stamp: string): boolean {
    return this.retimed.get(id) === stamp;
  }

  noteRetimed(id: string, stamp: string): void {
    this.retimed.set(id, stamp);
  }

  /** It cannot be sent yet, for this reason: listed in the review list until it is sent. */
  noteNotSent(id: string, reason: NotSentReason): void {
    this.waiting.set(id, reason);
  }

  /** The endpoint took it: nothing left to list. True when it was listed. */
  sent(id: string): boolean {
    this.firstMade.delete(id);
    this.retimed.delete(id);
    return this.waiting.delete(id);
  }

  notSent(): [string, NotSentReason][] {
    return [...this.waiting];
  }
}
