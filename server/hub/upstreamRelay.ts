// A venue hub's link to its upstream endpoint (SPEC "The venue's network"): the hub is one more
// client of upstream, speaking the desks' protocol through the shared client
// (shared/sync/syncEndpoint.ts). A round pulls every collection from its checkpoint there
// (platform records first, the ledger last) and the venue's staff into the hub's database,
// then pushes the entries the hub's own desks wrote, by the hub's seq. Both directions are at-least-once over idempotent
// writes: a pull repeated after a crash stores nothing twice, and a push repeated (or an entry
// that also reached upstream straight from a desk) is the same entry under the same id, which
// upstream acknowledges again. While upstream cannot be reached the hub and its desks carry on;
// rounds back off and catch up when it returns.
import type { SyncCollection } from '../../shared/schema/sync';
import { syncCollections } from '../../shared/schema/sync';
import type { EndpointFailure, SyncEndpoint } from '../../shared/sync/syncEndpoint';
import type { Database } from '../db/database';
import type { StaffRecord } from '../../shared/staff/staffRecords';
import { staffRecordSchema } from '../../shared/staff/staffRecords';
import { mirrorStaff } from '../db/staff';
import { readHubCheckpoint, saveHubCheckpoint } from './hubCheckpoints';
import { localEntriesAfter, storeUpstreamPull } from './upstreamWrites';

export type RelayTuning = {
  /** Documents per pull and entries per push (a push takes at most 1,000 rows). */
  batch: number;
  /** A round at least this often while upstream answers (the hub's own entries start one at once). */
  intervalMs: number;
  /** The longest wait between tries while upstream cannot be reached. */
  maxBackoffMs: number;
};

export const defaultRelayTuning: RelayTuning = { batch: 500, intervalMs: 2_000, maxBackoffMs: 30_000 };

export type RelayRound =
  | { ok: true; pulled: number; pushed: number; held: number }
  | { ok: false; failure: EndpointFailure; pulled: number; pushed: number };

export type RelayStatus = {
  /** When upstream last answered a whole round (ms since the epoch), or null. */
  lastReachedAt: number | null;
  /** What went wrong in the last round, if it failed. */
  lastFailure: EndpointFailure | null;
};

/** What the relay reports (the hub command prints it; tests read it). */
export type RelayEvent =
  | { kind: 'round'; round: RelayRound }
  | { kind: 'dropped'; collection: SyncCollection | 'staff'; id: string; reason: string }
  | { kind: 'conflict'; id: string }
  | { kind: 'error'; error: unknown };

// Platform records before the ledger: an entry pulled is then never about a pass the hub lacks.
const pullOrder: readonly SyncCollection[] = [...syncCollections.filter((name) => name !== 'ledger'), 'ledger'];

export class UpstreamRelay {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;
  readonly status: RelayStatus = { lastReachedAt: null, lastFailure: null };

  constructor(
    private readonly db: Database,
    private readonly venueId: string,
    private readonly upstream: SyncEndpoint,
    private readonly tuning: RelayTuning = defaultRelayTuning,
    private readonly onEvent: (event: RelayEvent) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rounds from now on: at once, then every interval, backing off while upstream is away. */
  start(): void {
    this.stopped = false;
    this.poke();
  }

  /** A round as soon as the one running (if any) ends: the hub's desks wrote something. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.runRound().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again && this.failures === 0) {
        this.again = false;
        this.poke();
        return;
      }
      this.again = false;
      this.timer = setTimeout(() => this.poke(), this.waitMs());
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: pull everything new, then push the hub's own entries. */
  async round(): Promise<RelayRound> {
    let pulled = 0;
    for (const collection of pullOrder) {
      for (;;) {
        const checkpoint = await readHubCheckpoint(this.db, this.venueId, collection);
        const answer = await this.upstream.pull(collection, checkpoint, this.tuning.batch);
        if (!answer.ok) return { ok: false, failure: answer.failure, pulled, pushed: 0 };
        const { documents } = answer.value;
        if (documents.length === 0 || answer.value.checkpoint === null) break;
        const stored = await storeUpstreamPull(this.db, this.venueId, collection, documents, answer.value.checkpoint);
        for (const dropped of stored.dropped) this.onEvent({ kind: 'dropped', collection, id: dropped.id, reason: dropped.reason });
        pulled += stored.written;
        if (documents.length < this.tuning.batch) break;
      }
    }
    const staff = await this.mirrorStaff();
    if (!staff.ok) return { ok: false, failure: staff.failure, pulled, pushed: 0 };
    const pushed = await this.pushOwnEntries();
    if (!pushed.ok) return { ok: false, failure: pushed.failure, pulled, pushed: pushed.pushed };
    return { ok: true, pulled, pushed: pushed.pushed, held: pushed.held };
  }

  /** The venue's staff as upstream holds them (a whole list, as desks read it), checked one by one. */
  private async mirrorStaff(): Promise<{ ok: true } | { ok: false; failure: EndpointFailure }> {
    const answer = await this.upstream.call('staff', { params: {} });
    if (!answer.ok) {
      // An upstream older than staff on the endpoint has none to give.
      if (answer.failure.kind === 'rejected' && answer.failure.code === 'not-found') return { ok: true };
      return answer;
    }
    const records: StaffRecord[] = [];
    for (const record of answer.value.staff) {
      const parsed = staffRecordSchema.safeParse(record);
      if (parsed.success) records.push(parsed.data);
      else this.onEvent({ kind: 'dropped', collection: 'staff', id: idOf(record), reason: parsed.error.issues[0]?.message ?? 'not a staff record' });
    }
    await mirrorStaff(this.db, this.venueId, records);
    return { ok: true };
  }

  /**
   * The hub's desks' entries, by seq, from where the last push ended. A batch upstream refuses
   * (an entry stamped ahead of upstream's clock, say) is sent entry by entry: the others go, and
   * the checkpoint stops before the first refused one, which is tried again next round; nothing
   * is skipped for good.
   */
  private async pushOwnEntries(): Promise<{ ok: true; pushed: number; held: number } | { ok: false; failure: EndpointFailure; pushed: number }> {
    let pushed = 0;
    let after = (await readHubCheckpoint(this.db, this.venueId, 'push'))?.seq ?? 0;
    for (;;) {
      const entries = await localEntriesAfter(this.db, this.venueId, after, this.tuning.batch);
      if (entries.length === 0) return { ok: true, pushed, held: 0 };
      const answer = await this.upstream.push(entries.map((entry) => ({ newDocumentState: { ...entry.entry, _deleted: false } })));
      if (!answer.ok && answer.failure.kind !== 'rejected') return { ok: false, failure: answer.failure, pushed };
      if (!answer.ok) {
        let held = 0;
        let through = after;
        for (const entry of entries) {
          const single = await this.upstream.push([{ newDocumentState: { ...entry.entry, _deleted: false } }]);
          if (!single.ok && single.failure.kind !== 'rejected') return { ok: false, failure: single.failure, pushed };
          if (single.ok) {
            pushed += 1;
            this.noteConflicts(single.value.conflicts);
            if (held === 0) through = entry.seq;
          } else {
            held += 1;
            this.onEvent({ kind: 'dropped', collection: 'ledger', id: entry.id, reason: `upstream refused it for now: ${single.failure.message}` });
          }
        }
        if (through > after) await saveHubCheckpoint(this.db, this.venueId, 'push', { seq: through, id: '' });
        return { ok: true, pushed, held };
      }
      this.noteConflicts(answer.value.conflicts);
      pushed += entries.length;
      after = entries[entries.length - 1]!.seq;
      await saveHubCheckpoint(this.db, this.venueId, 'push', { seq: after, id: '' });
      if (entries.length < this.tuning.batch) return { ok: true, pushed, held: 0 };
    }
  }

  /** A different entry under an id upstream holds: ids are unique by construction, so this is a bug somewhere; said, never hidden. */
  private noteConflicts(conflicts: readonly { id: string }[]): void {
    for (const conflict of conflicts) this.onEvent({ kind: 'conflict', id: conflict.id });
  }

  private async runRound(): Promise<void> {
    try {
      const round = await this.round();
      if (round.ok) {
        this.failures = 0;
        this.status.lastReachedAt = this.now();
        this.status.lastFailure = null;
      } else {
        this.failures += 1;
        this.status.lastFailure = round.failure;
      }
      this.onEvent({ kind: 'round', round });
    } catch (error) {
      // The hub's own database failed: said, and tried again after a wait like a network fault.
      this.failures += 1;
      this.onEvent({ kind: 'error', error });
    }
  }

  private waitMs(): number {
    if (this.failures === 0) return this.tuning.intervalMs;
    return Math.min(this.tuning.maxBackoffMs, this.tuning.intervalMs * 2 ** Math.min(this.failures - 1, 10));
  }
}

function idOf(record: unknown): string {
  const id = typeof record === 'object' && record !== null ? (record as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id.slice(0, 200) : '(no id)';
}
