// What the status bar shows about sync (`DeskStatus.sync`), gathered from the replications as
// they run, and announced once per tick when it changed (the renderer hears a `status` event).
import type { SyncEndpointEntry, SyncProblemCode, SyncStatus } from '../../shared/schema/api';
import { unpairedSyncStatus } from '../../shared/schema/api';
import type { HelloResponse } from '../../shared/schema/syncContract';
import { desksHeardSince, nextDropOutInMs } from '../../shared/sync/desksHeard';
import type { DeskNote } from '../../shared/rules/deskNotes';
import type { EndpointFailure } from './syncEndpoint';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import { conflictLine, droppedLine, failureLine } from './syncProblems';
import type { ProblemLine } from './syncProblems';

/** "Last synced" is shown to the minute: storing it more often than this would be writes for nothing. */
const SAVE_EVERY_MS = 15_000;

export class SyncStatusTracker {
  private endpoint: string | null = null;
  /** The desk's endpoints in order (hub first) and which one it uses (SPEC "The venue's network"). */
  private endpoints: SyncEndpointEntry[] = [];
  private online = false;
  /** Since when (performance.now(), not the desk's clock, which a test or a wrong setting may hold still or move) the endpoint in use has not answered, or null while it answers: the failover's measure. */
  private unansweredSinceMs: number | null = null;
  /** Whether the last failure was a certificate that is not the pinned one. */
  private refusedCertificate = false;
  /** Said while the desk uses a fallback: why the preferred endpoint is not used (a hub's changed certificate). */
  private standby: ProblemLine | null = null;
  private lastSyncedAt: string | null = null;
  private initial: SyncStatus['initial'] = null;
  private desksHeard: number | null = null;
  /** What the last hello said of the other desks (how long ago each was heard), and when (the desk's clock); null: it did not say. */
  private othersHeard: { msAgo: readonly number[]; atMs: number } | null = null;
  /** Announces the count again when the next of those desks drops out of it. */
  private dropOutTimer: ReturnType<typeof setTimeout> | null = null;
  private failure: ProblemLine | null = null;
  /** The live stream's refusal: it stays while the stream is down, though pulls get through meanwhile. */
  private streamFailure: ProblemLine | null = null;
  private standing: ProblemLine | null = null;
  private conflicts = 0;
  private lastConflictId = '';
  private dropped = 0;
  private lastDropped: DroppedDocument | null = null;
  private waiting: () => number = () => 0;
  /** Keeps "last synced" across restarts: called with the time, at most once per SAVE_EVERY_MS. */
  private saveLastSynced: ((at: string) => void) | null = null;
  private savedLastSyncedMs = 0;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private announced = JSON.stringify(unpairedSyncStatus);
  private scheduled = false;

  /** `monotonicMs`: the failover's measure (performance.now() unless a model injects its clock). */
  constructor(private readonly now: () => number, private readonly monotonicMs: () => number = () => performance.now()) {}

  /** The pairing's last sync as stored by an earlier run, and where to store the next ones. */
  rememberLastSynced(stored: string | null, save: (at: string) => void): void {
    if (stored !== null && (this.lastSyncedAt === null || stored > this.lastSyncedAt)) this.lastSyncedAt = stored;
    this.saveLastSynced = save;
    this.savedLastSyncedMs = 0;
    this.changed();
  }

  snapshot(): SyncStatus {
    if (this.endpoint === null) return unpairedSyncStatus;
    const desksHeard = this.desksHeardNow();
    return {
      endpoint: this.endpoint,
      online: this.online,
      waiting: this.waiting(),
      lastSyncedAt: this.lastSyncedAt,
      initial: this.initial,
      ...(desksHeard === null ? {} : { desksHeard }),
      ...(this.endpoints.length === 0 ? {} : { endpoints: this.endpoints }),
      ...this.problemFields(),
    };
  }

  onChange(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new pairing (or none): everything about the previous endpoint and the venue's data is forgotten. */
  paired(endpoint: string | null, waiting: () => number, endpoints: SyncEndpointEntry[] = []): void {
    this.standby = null;
    this.lastSyncedAt = null;
    this.initial = null;
    this.conflicts = 0;
    this.dropped = 0;
    this.lastDropped = null;
    this.switched(endpoint, waiting, endpoints);
  }

  /** The desk's list of endpoints changed while it stays with the one in use (a second paired during its first download). */
  listed(endpoints: SyncEndpointEntry[]): void {
    this.endpoints = endpoints;
    this.changed();
  }

  /**
   * The desk turned to another endpoint of its list (failover, or back): what the venue's data
   * is about (last synced, conflicts, dropped documents) stays; what was about the previous
   * endpoint's answers goes.
   */
  switched(endpoint: string | null, waiting: () => number, endpoints: SyncEndpointEntry[]): void {
    this.endpoint = endpoint;
    this.endpoints = endpoints;
    this.waiting = waiting;
    this.online = false;
    this.unansweredSinceMs = null;
    this.refusedCertificate = false;
    this.failure = null;
    this.streamFailure = null;
    this.standing = null;
    this.heardDesks(null);
    this.saveLastSynced = null;
    this.changed();
  }

  /** How long the endpoint in use has not answered (0 while it answers), whether it showed a certificate that is not the pinned one, and whether the preferred one (on standby) did. */
  unanswered(): { forMs: number; refusedCertificate: boolean; standbyRefused: boolean } {
    return { forMs: this.unansweredSinceMs === null ? 0 : this.monotonicMs() - this.unansweredSinceMs, refusedCertificate: this.refusedCertificate, standbyRefused: this.standby !== null };
  }

  /** Why the preferred endpoint is not in use, said beside the fallback's status; null: nothing to say. */
  standbyProblem(problem: ProblemLine | null): void {
    this.standby = problem;
    this.changed();
  }

  /** A request or the live stream got through. */
  succeeded(): void {
    this.online = true;
    this.unansweredSinceMs = null;
    this.refusedCertificate = false;
    this.failure = null;
    const nowMs = this.now();
    this.lastSyncedAt = new Date(nowMs).toISOString();
    if (this.saveLastSynced && nowMs - this.savedLastSyncedMs >= SAVE_EVERY_MS) {
      this.savedLastSyncedMs = nowMs;
      this.saveLastSynced(this.lastSyncedAt);
    }
    this.changed();
  }

  /** What the endpoint's hello said of the venue's desks heard from in the last minute, or null. */
  heardDesks(hello: Pick<HelloResponse, 'desksHeard' | 'othersHeardMsAgo'> | null): void {
    this.desksHeard = hello?.desksHeard ?? null;
    this.othersHeard = hello?.othersHeardMsAgo === undefined ? null : { msAgo: hello.othersHeardMsAgo, atMs: this.now() };
    this.announceNextDropOut();
    this.changed();
  }

  failed(failure: EndpointFailure): void {
    // Only "no answer" means offline; an endpoint that answers with an error is online but unhappy.
    this.online = failure.kind !== 'unreachable' && failure.kind !== 'untrusted';
    if (!this.online && this.unansweredSinceMs === null) this.unansweredSinceMs = this.monotonicMs();
    if (failure.kind === 'untrusted') this.refusedCertificate = true;
    this.failure = failureLine(failure);
    this.changed();
  }

  /** A problem that stays until the pairing changes (e.g. the endpoint serves another venue). */
  stuck(code: SyncProblemCode, note: DeskNote, details: string | null = null): void {
    this.standing = { code, note, details };
    this.changed();
  }

  /** The live stream is open: what refused it before is over. */
  streamOpened(): void {
    this.streamFailure = null;
    this.succeeded();
  }

  /** The live stream closed or was refused: shown until it is open again (other desks' changes come late meanwhile). */
  streamClosed(failure: EndpointFailure): void {
    this.streamFailure = failureLine(failure);
    this.failed(failure);
  }

  conflict(id: string): void {
    this.conflicts += 1;
    this.lastConflictId = id;
    this.changed();
  }

  droppedDocuments(documents: readonly DroppedDocument[]): void {
    if (documents.length === 0) return;
    this.dropped += documents.length;
    this.lastDropped = documents[documents.length - 1]!;
    this.changed();
  }

  initialProgress(progress: SyncStatus['initial']): void {
    this.initial = progress;
    this.changed();
  }

  /** The count as it stands now: an endpoint that said how long ago it heard each desk is counted again on this desk's clock. */
  private desksHeardNow(): number | null {
    if (this.othersHeard === null) return this.desksHeard;
    return desksHeardSince(this.othersHeard.msAgo, this.now() - this.othersHeard.atMs);
  }

  private announceNextDropOut(): void {
    if (this.dropOutTimer !== null) clearTimeout(this.dropOutTimer);
    this.dropOutTimer = null;
    if (this.othersHeard === null) return;
    const inMs = nextDropOutInMs(this.othersHeard.msAgo, this.now() - this.othersHeard.atMs);
    if (inMs === null) return;
    this.dropOutTimer = setTimeout(() => {
      this.announceNextDropOut();
      this.changed();
    }, inMs);
    // A pending count never keeps a closing desk's process alive.
    this.dropOutTimer.unref?.();
  }

  /** Something that feeds the snapshot changed (e.g. the waiting count): announce it if it differs. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const status = this.snapshot();
      const text = JSON.stringify(status);
      if (text === this.announced) return;
      this.announced = text;
      for (const listener of this.listeners) listener(status);
    }, 0);
  }

  private problem(): ProblemLine | null {
    if (this.standing) return this.standing;
    if (this.failure) return this.failure;
    if (this.streamFailure) return this.streamFailure;
    if (this.standby) return this.standby;
    if (this.conflicts > 0) return conflictLine(this.conflicts, this.lastConflictId);
    if (this.lastDropped) return droppedLine(this.dropped, this.lastDropped);
    return null;
  }

  /** The problem as a code, a note for the renderer's words, and what is technical about it apart (shown behind "Details"). */
  private problemFields(): Pick<SyncStatus, 'problem' | 'problemCode' | 'problemDetails'> {
    const problem = this.problem();
    return { problem: problem?.note ?? null, problemCode: problem?.code ?? null, problemDetails: problem?.details ?? null };
  }
}
