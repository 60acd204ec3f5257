// A desk's own entries the endpoint refused as `clock-ahead`: stamped more than ε ahead of the
// endpoint's clock, which only happens when this desk's clock was wrong while it could not
// measure it (docs/architecture.md "Clocks that cannot be poisoned"). They are not lost: each
// is re-timed by the offset measured now (so it lands about when it was really made) and sent
// again. They never left this desk, so nothing else holds the old stamp. A check-in counts
// whatever its stamp; an override re-timed can no longer outrank later genuine overrides.
import { formatHlc, readHlc } from '../../shared/rules/hybridLogicalClock';
import type { DeskContext } from '../state/deskContext';
import type { EndpointProblem } from './syncEndpoint';

export type PushedRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

export class ClockAheadRetimer {
  /** id → the stamp it is sent with now (the push modifier applies it to a retried batch too). */
  readonly stamps = new Map<string, string>();
  /**
   * Entries refused as clock-ahead that this desk received from an endpoint (RxDB sends them
   * back with the state it pulled as `assumedMasterState`): other desks may hold them as they
   * are, so they are not re-timed here; they are not sent again, and stay as they are.
   */
  readonly notSent = new Set<string>();

  constructor(
    private readonly context: DeskContext,
    /** Asks the endpoint its time (a hello): false when it could not be measured. */
    private readonly measure: () => Promise<boolean>,
    private readonly log: (line: string) => void,
  ) {}

  /** The rows of a push refused as clock-ahead, and the problems that name them. */
  async retime(rows: readonly PushedRow[], problems: readonly EndpointProblem[]): Promise<void> {
    for (const problem of problems) {
      const row = problem.index === undefined ? undefined : rows[problem.index];
      if (!row || row.assumedMasterState === undefined || row.assumedMasterState === null) continue;
      const id = String(row.newDocumentState.id);
      this.notSent.add(id);
      this.log(`sync: ledger entry ${id} came from an endpoint stamped ahead of the endpoint's clock; it is kept here as it is and not sent again`);
    }
    if (!(await this.measure())) return;
    const offset = this.context.clock.offsetMs;
    if (offset === null) return;
    // The endpoint's time now: no re-timed stamp may be later (the clock's error may have changed).
    const endpointNowMs = this.context.clock.wallNow() + offset;
    for (const problem of problems) {
      const pushed = problem.field === 'hlc' && problem.index !== undefined ? rows[problem.index] : undefined;
      if (!pushed || (pushed.assumedMasterState !== undefined && pushed.assumedMasterState !== null)) continue;
      const row = pushed.newDocumentState;
      if (typeof row.id !== 'string' || typeof row.hlc !== 'string') continue;
      const read = readHlc(row.hlc);
      if (!read) continue;
      const wallMs = Math.max(0, Math.min(read.wallMs + offset, endpointNowMs));
      const stamp = formatHlc({ wallMs, counter: read.counter }, read.deskId);
      this.stamps.set(row.id, stamp);
      await this.context.db.ledger.findOne(row.id).exec().then((doc) => doc?.incrementalPatch({ hlc: stamp }));
      this.context.memory.retimeLedgerEntry(row.id, stamp);
      this.log(`sync: ledger entry ${row.id} was stamped ${new Date(read.wallMs).toISOString()} by a wrong clock; re-timed to ${new Date(wallMs).toISOString()} (offset ${Math.round(offset / 1000)} s) and sent again`);
    }
  }
}
