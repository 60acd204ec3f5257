// The checkpoint of RxDB's pull: per venue, a change sequence (seq) that only grows. A puller
// asks for "seq greater than my checkpoint" and moves its checkpoint to the last seq it got,
// so it must never happen that a row with a smaller seq becomes visible after a larger one:
// the puller would already be past it and skip it for good.
//
// With a plain counter (a SEQUENCE, or max(seq)+1) that happens under concurrency: push A takes
// seq 11, push B takes seq 12, B commits first, a pull sees 12 and moves on, then A commits 11.
// So the seq is handed out under the venue row's lock (SELECT … FOR UPDATE), held until the
// transaction commits or rolls back: a second writer of the same venue waits for the first to
// finish before it can take a number. Per venue, commit order is therefore seq order, and any
// snapshot that shows seq N also shows every seq below N. Writers of different venues never wait
// for each other; a venue's own desks wait only for one push statement.
//
// Imports take the lock with the functions below, in a transaction of several statements. Desks'
// pushes take the same row lock inside their one statement (pushedEntries.ts: held to commit,
// the venues of a group locked in id order), so it is never held across a round trip.
import type { Queryable } from './database';

export type VenueSequence = {
  /** The last seq handed out before this transaction. */
  readonly lastSeq: number;
  /** The next `count` seqs, first to last; the lock is already held. */
  take(count: number): { first: number; last: number };
  /** Everything taken so far in this transaction. */
  readonly taken: number;
};

/** Locks the venue's sequence for the rest of `tx`; null when there is no such venue. */
export async function lockVenueSequence(tx: Queryable, venueId: string): Promise<VenueSequence | null> {
  const rows = await tx.query<{ last_seq: number }>('SELECT last_seq FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
  const row = rows[0];
  if (!row) return null;
  const lastSeq = row.last_seq;
  let next = lastSeq + 1;
  return {
    lastSeq,
    take(count) {
      const first = next;
      next += count;
      return { first, last: next - 1 };
    },
    get taken() {
      return next - 1 - lastSeq;
    },
  };
}

/** Records the seqs taken; call once, before commit, when anything was taken. */
export async function saveVenueSequence(tx: Queryable, venueId: string, sequence: VenueSequence): Promise<number> {
  const last = sequence.lastSeq + sequence.taken;
  if (sequence.taken > 0) await tx.query('UPDATE venues SET last_seq = $2 WHERE id = $1', [venueId, last]);
  return last;
}
