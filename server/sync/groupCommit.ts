// Group commit of desks' pushes: while a push statement is being written, the pushes that
// arrive meanwhile wait, and then go together, of whatever desks and venues, in the next
// statement (db/pushedEntries.ts). Nothing waits on a timer: a push that arrives to an idle
// queue is written at once, alone; under load each statement carries everything that queued
// behind the previous one. Profiled (issue 7) on PGlite, a push's fixed costs (the statement's
// planning, the protocol's round trips inside PGlite, the commit) were most of its cost.
//
// Each push is still all or nothing: a group commits or rolls back whole, and when its
// statement fails every push of it is written again on its own, so that one push's failure
// is only its own.
import type { Database } from '../db/database';
import type { DatabaseLocation } from '../db/openDatabase';
import type { LedgerPush, WrittenPush } from '../db/pushedEntries';
import { insertPushedEntries } from '../db/pushedEntries';

export type GroupCommitOptions = {
  /**
   * Statements written at the same time. PGlite runs one statement at a time anyway; on
   * PostgreSQL a few in flight keep its cores and this process's busy at once.
   */
  inFlight: number;
  /** Rows per statement, at most (a single push larger than this still goes, alone). */
  maxRows: number;
};

type Waiting = { push: LedgerPush; resolve(written: WrittenPush): void; reject(error: unknown): void };

export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly db: Database, private readonly options: GroupCommitOptions) {}

  write(push: LedgerPush): Promise<WrittenPush> {
    return new Promise((resolve, reject) => {
      this.queue.push({ push, resolve, reject });
      this.next();
    });
  }

  /**
   * Starts groups after the event loop's current round of I/O, so that every request that
   * arrived in it has queued its push: PGlite works synchronously inside its promises, so a
   * statement started at once would always be finished before the next request is even read.
   */
  private next(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      void this.commit(group).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  /**
   * The oldest waiting pushes up to maxRows, skipping (for the next group) any push that shares
   * a venue and id with one already taken: the statement tells pushes apart by venue and id.
   */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const ids = new Set<string>();
    let rows = 0;
    for (let at = 0; at < this.queue.length;) {
      const waiting = this.queue[at]!;
      const keys = waiting.push.entries.map((entry) => `${waiting.push.venueId}\u0000${entry.id}`);
      if (group.length > 0 && (rows + keys.length > this.options.maxRows || keys.some((key) => ids.has(key)))) {
        if (rows + keys.length > this.options.maxRows) break;
        at += 1;
        continue;
      }
      for (const key of keys) ids.add(key);
      rows += keys.length;
      group.push(waiting);
      this.queue.splice(at, 1);
    }
    return group;
  }

  private async commit(group: Waiting[]): Promise<void> {
    try {
      const written = await insertPushedEntries(this.db, group.map((waiting) => waiting.push));
      group.forEach((waiting, at) => waiting.resolve(written[at]!));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // Each push on its own: the one that failed the group fails alone.
      await Promise.all(group.map(async (waiting) => {
        try {
          waiting.resolve((await insertPushedEntries(this.db, [waiting.push]))[0]!);
        } catch (alone) {
          waiting.reject(alone);
        }
      }));
    }
  }
}

/** PGlite is one connection; PostgreSQL's pool (10 by default) also serves pulls and tokens. */
export function groupCommitOptions(location: DatabaseLocation): GroupCommitOptions {
  const inFlight = location.kind === 'postgres' ? Math.max(1, Math.floor((location.poolSize ?? 10) / 4)) : 1;
  return { inFlight, maxRows: 2_000 };
}
