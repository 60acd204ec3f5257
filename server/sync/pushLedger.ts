// A desk's push of ledger entries (ARCHITECTURE "Sync": "Ledger pushes are inserts: a repeated
// id is idempotent (the same entry is acknowledged again), a different document under an
// existing id is a conflict answered with the stored one. Every document is validated with the
// shared schemas; a batch is applied in one transaction or not at all.")
import type { Queryable } from '../db/database';
import type { LedgerEntry } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import type { SyncDocument } from '../../shared/schema/sync';
import type { SyncProblem } from '../../shared/schema/syncContract';
import type { PushBody } from '../../shared/schema/sync';
import { storedDocuments } from '../db/documents';
import type { GroupCommit } from './groupCommit';
import type { Refusal } from '../errors';
import { refusal } from '../errors';
import { canonicalJson } from './canonicalJson';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_WALL_MS, parseHlc } from '../../shared/rules/hybridLogicalClock';
import { MAX_PROBLEMS, NUL_MESSAGE, fieldWithNul, problemsOfIssues, summaryOf } from './documentProblems';

export type CheckedPush = { ok: true; entries: LedgerEntry[] } | { ok: false; refusal: Refusal };

/** Checks a whole push (its shape already the contract's) before anything is written: one bad row refuses the batch. */
export function checkPush(push: PushBody, venueId: string, nowMs: number): CheckedPush {
  const entries: LedgerEntry[] = [];
  const problems: SyncProblem[] = [];
  const wrongVenue: SyncProblem[] = [];
  push.rows.forEach((row, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const at = ['rows', index, 'newDocumentState'];
    // RxDB's deleted flag travels with the document; a ledger entry is never deleted.
    const { _deleted: deleted, ...record } = row.newDocumentState;
    if (deleted !== undefined && deleted !== false) {
      problems.push({ path: `rows[${index}].newDocumentState._deleted`, message: 'a ledger entry cannot be deleted: undo a check-in with an undo-check-in entry', index, field: '_deleted' });
      return;
    }
    const entry = ledgerEntrySchema.safeParse(record);
    if (!entry.success) {
      problems.push(...problemsOfIssues(entry.error.issues, at, index));
      return;
    }
    const nul = fieldWithNul(entry.data);
    if (nul !== null) {
      problems.push({ path: `rows[${index}].newDocumentState.${nul}`, message: NUL_MESSAGE, index, field: nul });
      return;
    }
    if (entry.data.venueId !== venueId) {
      wrongVenue.push({ path: `rows[${index}].newDocumentState.venueId`, message: `this entry is of venue "${entry.data.venueId}", but this device belongs to venue "${venueId}"`, index, field: 'venueId' });
    }
    entries.push(entry.data);
  });
  if (problems.length > 0) {
    const kept = problems.slice(0, MAX_PROBLEMS);
    return { ok: false, refusal: refusal('invalid-document', `nothing was saved: ${summaryOf(kept)}`, kept) };
  }
  if (wrongVenue.length > 0) {
    const kept = wrongVenue.slice(0, MAX_PROBLEMS);
    return { ok: false, refusal: refusal('wrong-venue', `nothing was saved: ${summaryOf(kept)}`, kept) };
  }
  const ahead = stampsAhead(entries, nowMs);
  if (ahead.length > 0) {
    const kept = ahead.slice(0, MAX_PROBLEMS);
    return { ok: false, refusal: refusal('clock-ahead', `nothing was saved: ${summaryOf(kept)}`, kept) };
  }
  return { ok: true, entries };
}

/**
 * Entries stamped more than ε ahead of this endpoint's clock (docs/architecture.md "Clocks that
 * cannot be poisoned"): "No stamp further ahead of the endpoint's clock than ε ever reaches
 * another desk." The desk that made them re-times them by its measured offset and sends them again.
 */
function stampsAhead(entries: readonly LedgerEntry[], nowMs: number): SyncProblem[] {
  const latest = nowMs + CLOCK_SKEW_BOUND_MS;
  const problems: SyncProblem[] = [];
  entries.forEach((entry, index) => {
    if (parseHlc(entry.hlc).wallMs <= latest) return;
    problems.push({
      path: `rows[${index}].newDocumentState.hlc`,
      message: `stamped ${new Date(Math.min(parseHlc(entry.hlc).wallMs, MAX_HLC_WALL_MS)).toISOString()}, more than ${CLOCK_SKEW_BOUND_MS / 60_000} minutes after this endpoint's clock (${new Date(nowMs).toISOString()}): the desk's clock is wrong`,
      index,
      field: 'hlc',
    });
  });
  return problems;
}

export type PushResult =
  | { ok: true; conflicts: SyncDocument[]; inserted: number }
  /** The device was revoked before the push: nothing was saved. */
  | { ok: false; error: 'token-revoked' };

/**
 * Saves the entries not stored yet, in one transaction (one statement, perhaps shared with
 * other desks' pushes: see groupCommit.ts and db/pushedEntries.ts), and answers with the stored
 * entry for every id that already holds a different one. "The same" ignores key order: a desk
 * that retries after a timeout may serialise an entry differently and must be acknowledged.
 * The device's revocation is checked by the same statement, so a caller may know the device
 * from a remembered token.
 */
export async function pushLedgerEntries(db: Queryable, pushes: GroupCommit, venueId: string, deviceId: string, entries: readonly LedgerEntry[]): Promise<PushResult> {
  // The first of two rows with one id in the same batch is the one kept; the later ones are
  // compared with whatever ends up stored under the id.
  const firsts = new Map<string, LedgerEntry>();
  for (const entry of entries) if (!firsts.has(entry.id)) firsts.set(entry.id, entry);
  const written = await pushes.write({ venueId, deviceId, entries: [...firsts.values()] });
  if (!written.deviceActive) return { ok: false, error: 'token-revoked' };

  const kept = new Map<string, { canonical: string; document: Record<string, unknown> }>();
  const keep = (id: string, json: string) => {
    const document = JSON.parse(json) as Record<string, unknown>;
    kept.set(id, { canonical: canonicalJson(document), document });
  };
  for (const [id, json] of written.stored) keep(id, json);
  const racing = [...firsts.keys()].filter((id) => !written.stored.has(id) && !written.inserted.has(id));
  if (racing.length > 0) {
    // Committed by a concurrent statement after this one's snapshot: stored now, never changed.
    for (const [id, json] of await storedDocuments(db, venueId, 'ledger', racing)) keep(id, json);
    const lost = racing.filter((id) => !kept.has(id));
    if (lost.length > 0) throw new Error(`pushed ledger entries neither stored nor inserted: ${lost.join(', ')}`);
  }
  for (const id of written.inserted) {
    const entry = firsts.get(id)!;
    kept.set(id, { canonical: canonicalJson(entry), document: entry });
  }

  const conflicts: SyncDocument[] = [];
  for (const entry of entries) {
    const known = kept.get(entry.id)!;
    if (known.document !== entry && known.canonical !== canonicalJson(entry)) {
      conflicts.push({ ...known.document, id: entry.id, _deleted: false });
    }
  }
  return { ok: true, conflicts, inserted: written.inserted.size };
}
