// The first sync of a new desk: a snapshot of the venue read in large pages, door first
// (shared/schema/sync.ts, the contract; docs/sync-server.md). Opening one brings the pass
// summaries up to date and fixes the seqs it is read at; each page is then one index range
// scan at those seqs, so a desk can read them at its own pace while desks keep pushing: what
// changes after the seqs comes by the ordinary pull from them.
import type { Database } from '../db/database';
import type { Venue } from '../../shared/schema/records';
import { isStorableText } from '../../shared/schema/records';
import type { SnapshotPart, SnapshotPageQuery } from '../../shared/schema/sync';
import type { SnapshotStart, SyncProblem } from '../../shared/schema/syncContract';
import { recentDaysAtMost, snapshotParts } from '../../shared/schema/sync';
import { addDays, venueDayOf } from '../../shared/rules/venueTime';
import { countDocuments, latestSeqs } from '../db/documents';
import { readSummaryProgress } from '../db/passSummaries';
import type { PageRow } from '../db/snapshotPages';
import { committedSeq, countRecent, historyAfter, platformRecordsAfter, recentAfter, summariesAfter } from '../db/snapshotPages';
import type { Refusal } from '../errors';
import { refusal } from '../errors';
import { summaryOf } from './documentProblems';
import { historyCursor, historyPosition } from './historyCursor';
import { refreshPassSummaries } from './summaryRefresh';

/** The first venue day of `recent`: yesterday in the venue's zone, by the endpoint's clock. */
export function recentSinceAt(nowMs: number, timeZone: string): string {
  return addDays(venueDayOf(nowMs, timeZone), -1);
}

export async function openSnapshot(db: Database, venue: Venue, nowMs: number): Promise<SnapshotStart> {
  const summaries = await refreshPassSummaries(db, venue.id);
  const seqs = await latestSeqs(db, venue.id);
  // The ledger is read (summaries, recent, history) at the seq the summaries include; entries
  // committed since then come by the pull from it.
  seqs.ledger = summaries.uptoSeq;
  const recentSince = recentSinceAt(nowMs, venue.timeZone);
  const stored = await countDocuments(db, venue.id);
  return {
    venue,
    seqs,
    recentSince,
    counts: {
      products: stored.products ?? 0,
      sessions: stored.sessions ?? 0,
      customers: stored.customers ?? 0,
      passes: stored.passes ?? 0,
      bookings: stored.bookings ?? 0,
      summaries: summaries.summaries,
      recent: await countRecent(db, venue.id, recentSince, seqs.ledger),
      history: stored.ledger ?? 0,
    },
  };
}

export type SnapshotPageResult = { ok: true; json: string } | { ok: false; refusal: Refusal };

export const unknownPart = (params: Record<string, string>) => refusal('unknown-part', `there is no snapshot part "${params.part ?? ''}"; the parts are ${snapshotParts.join(', ')}`);

function invalidQuery(problems: SyncProblem[]): SnapshotPageResult {
  return { ok: false, refusal: refusal('invalid-query', `a snapshot page takes ?seq=&after=&limit= (limit 1 to 10000), and ?since= for recent: ${summaryOf(problems)}`, problems) };
}

const problemAt = (field: string, message: string): SyncProblem => ({ path: field, message, field });

/** One page of a part as `{"records":[…],"next":…}`, or why it cannot be served (the query's shape is the contract's already). */
export async function readSnapshotPage(db: Database, venue: Venue, part: SnapshotPart, query: SnapshotPageQuery, nowMs: number): Promise<SnapshotPageResult> {
  const checked = checkPageQuery(part, query, nowMs, venue.timeZone);
  if (checked.length > 0) return invalidQuery(checked);

  const { seq, limit } = query;
  const after = query.after ?? '';
  const ahead = await seqAhead(db, venue.id, part, seq);
  if (ahead) return { ok: false, refusal: ahead };

  switch (part) {
    case 'summaries':
      return page(await summariesAfter(db, venue.id, after, limit + 1), limit);
    case 'recent':
      return page(await recentAfter(db, venue.id, query.since!, seq, after, limit + 1), limit);
    case 'history': {
      const from = after === '' ? { passId: '', id: '' } : historyPosition(after)!;
      const rows = await historyAfter(db, venue.id, seq, from.passId, from.id, limit + 1);
      const last = rows.length > limit ? rows[limit - 1]! : null;
      return { ok: true, json: pageJson(rows.slice(0, limit), last && historyCursor(last)) };
    }
    default:
      return page(await platformRecordsAfter(db, venue.id, part, seq, after, limit + 1), limit);
  }
}

/** A part read at a seq this endpoint has not reached (the summaries: not yet included): the snapshot must be opened again. */
export async function seqAhead(db: Database, venueId: string, part: SnapshotPart, seq: number): Promise<Refusal | null> {
  const served = part === 'summaries' ? (await readSummaryProgress(db, venueId)).uptoSeq : await committedSeq(db, venueId) ?? 0;
  if (seq <= served) return null;
  const what = part === 'summaries' ? `the pass summaries include the ledger up to seq ${served}` : `the venue's last change has seq ${served}`;
  return refusal('snapshot-seq-ahead', `seq ${seq} is ahead of this endpoint (${what}): open a snapshot again (GET /sync/snapshot) and read it at the seqs it gives`);
}

/** A part's bundles asked for with a `since` that is not the part's (recent only, not too far back): why, or null. */
export function bundlesQueryRefusal(part: SnapshotPart, since: string | undefined, nowMs: number, timeZone: string): Refusal | null {
  const problems = checkSince(part, since, nowMs, timeZone);
  return problems.length === 0 ? null : refusal('invalid-query', `a part's bundles take ?seq=&after=, and ?since= for recent: ${summaryOf(problems)}`, problems);
}

/** What the schema cannot see: `since` is for recent only (and not too far back), `after` must be a key this endpoint could have given. */
function checkPageQuery(part: SnapshotPart, query: SnapshotPageQuery, nowMs: number, timeZone: string): SyncProblem[] {
  const problems = checkSince(part, query.since, nowMs, timeZone);
  // An empty `after` is the start of any part, as no `after` is.
  const after = query.after ?? '';
  // No key can hold text PostgreSQL cannot store, and such text would fail the query itself.
  if (!isStorableText(after)) problems.push(problemAt('after', 'must not contain the NUL character (U+0000) or half of a surrogate pair'));
  else if (part === 'history' && after !== '' && historyPosition(after) === null) problems.push(problemAt('after', 'must be the next of the history page before, as the endpoint gave it'));
  return problems;
}

function checkSince(part: SnapshotPart, since: string | undefined, nowMs: number, timeZone: string): SyncProblem[] {
  if (part !== 'recent') return since === undefined ? [] : [problemAt('since', `only recent takes ?since=, not ${part}`)];
  // Each recent page reads and sorts the whole set: a `since` far back would make every page
  // read a large part of the ledger. A desk sends the start's `recentSince` (yesterday).
  const earliest = addDays(venueDayOf(nowMs, timeZone), -recentDaysAtMost);
  if (since === undefined) return [problemAt('since', 'recent needs ?since=, the recentSince of the snapshot (GET /sync/snapshot)')];
  if (since < earliest) return [problemAt('since', `recent reads at most ${recentDaysAtMost} days back: since must be ${earliest} or later (the snapshot's recentSince)`)];
  return [];
}

function page(rows: readonly PageRow[], limit: number): SnapshotPageResult {
  const next = rows.length > limit ? rows[limit - 1]!.key : null;
  return { ok: true, json: pageJson(rows.slice(0, limit), next) };
}

function pageJson(rows: readonly { json: string }[], next: string | null): string {
  return `{"records":[${rows.map((row) => row.json).join(',')}],"next":${JSON.stringify(next)}}`;
}
