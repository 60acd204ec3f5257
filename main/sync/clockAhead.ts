// A desk's own entries the endpoint refused as `clock-ahead`: stamped more than ε ahead of the
// endpoint's clock, which only happens when this desk's clock was wrong while it could not
// measure it (docs/architecture.md "Clocks that cannot be poisoned"). They are not lost: each
// is re-timed by the offset measured now (shared/rules/retimeEntry.ts: its stamp, its instant
// and a check-in's venue day, so it counts on the day it really happened) and sent again. They
// never left this desk, so nothing else holds the old times. One that cannot be re-timed (the
// endpoint's time could not be read) or is refused again after re-timing is listed in the
// review list with why (DeskContext.clockAhead), and tried again at every retry.
import type { LedgerEntry } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import type { RetimedFields } from '../../shared/rules/retimeEntry';
import { retimeOwnEntry } from '../../shared/rules/retimeEntry';
import type { DeskContext } from '../state/deskContext';
import type { EndpointProblem } from './syncEndpoint';

export type PushedRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

export class ClockAheadRetimer {
  /** id → its re-timed fields (`applied` puts them on a retried batch too). */
  private readonly retimed = new Map<string, RetimedFields>();
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
    /** The review list changed (an entry listed, or sent): the renderer asks for it again. */
    private readonly reviewChanged: () => void = () => undefined,
  ) {}

  /** The rows of a push refused as clock-ahead, and the problems that name them. */
  async retime(rows: readonly PushedRow[], problems: readonly EndpointProblem[]): Promise<void> {
    const own: LedgerEntry[] = [];
    for (const problem of problems) {
      const row = problem.index === undefined ? undefined : rows[problem.index];
      if (!row) continue;
      if (row.assumedMasterState !== undefined && row.assumedMasterState !== null) {
        const id = String(row.newDocumentState.id);
        this.notSent.add(id);
        this.log(`sync: ledger entry ${id} came from an endpoint stamped ahead of the endpoint's clock; it is kept here as it is and not sent again`);
      } else if (problem.field === 'hlc' && typeof row.newDocumentState.id === 'string' && typeof row.newDocumentState.hlc === 'string') {
        own.push(row.newDocumentState as unknown as LedgerEntry);
      }
    }
    if (own.length === 0) return;
    const { clockAhead } = this.context;
    const measured = await this.measure();
    const offset = this.context.clock.offsetMs;
    const timeZone = this.context.venue?.timeZone;
    if (!measured || offset === null || !timeZone) {
      for (const entry of own) {
        clockAhead.noteNotSent(entry.id, 'clock-unmeasured');
        this.log(`sync: ledger entry ${entry.id} was refused as stamped ahead of the endpoint's clock, and the endpoint's time could not be measured to re-time it; listed for review, tried again later`);
      }
      this.reviewChanged();
      return;
    }
    // The endpoint's time now: nothing re-timed may be later (the clock's error may have changed).
    const endpointNowMs = this.context.clock.wallNow() + offset;
    for (const entry of own) {
      // Refused again after re-timing: listed, and re-timed again from its first times (never twice over).
      if (clockAhead.refusedAsRetimed(entry.id, entry.hlc)) {
        clockAhead.noteNotSent(entry.id, 'clock-ahead-again');
        this.reviewChanged();
      }
      const first = clockAhead.firstTimes(entry.id, { hlc: entry.hlc, at: entry.at, kind: entry.kind });
      const fields = retimeOwnEntry(first, offset, endpointNowMs, timeZone);
      if (!fields) continue;
      this.retimed.set(entry.id, fields);
      clockAhead.noteRetimed(entry.id, fields.hlc);
      await this.context.db.ledger.findOne(entry.id).exec().then((doc) => doc?.incrementalPatch(fields));
      this.context.memory.retimeLedgerEntry(entry.id, fields);
      // The journal keeps the entry as it now is (the row holds the storage's own fields too).
      const retimed = ledgerEntrySchema.safeParse({ ...entry, ...fields });
      if (retimed.success) await this.context.journal.keep(retimed.data);
      this.log(`sync: ledger entry ${entry.id} was stamped at ${first.at} by a wrong clock; re-timed to ${fields.at} (offset ${Math.round(offset / 1000)} s) and sent again`);
    }
  }

  /** A row to push with its re-timed fields, if it was re-timed (a retried batch still holds the old ones). */
  applied<T extends PushedRow>(row: T): T {
    const fields = row.assumedMasterState ? undefined : this.retimed.get(String(row.newDocumentState.id));
    return fields ? { ...row, newDocumentState: { ...row.newDocumentState, ...fields } } : row;
  }

  /** Own entries the endpoint took: none of them is waiting any more. */
  sent(ids: readonly string[]): void {
    const listed = ids.filter((id) => this.context.clockAhead.sent(id));
    if (listed.length > 0) this.reviewChanged();
  }
}
