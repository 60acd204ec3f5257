// A desk's push of ledger entries (ARCHITECTURE "Sync": "Ledger pushes are inserts: a repeated
// id is idempotent (the same entry is acknowledged again), a different document under an
// existing id is a conflict answered with the stored one. Every document is validated with the
// shared schemas; a batch is applied in one transaction or not at all.")
import type { Database } from '../db/database';
import type { LedgerEntry } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import type { SyncDocument, SyncProblem } from '../../shared/schema/sync';
import { pushBodySchema } from '../../shared/schema/sync';
import { lockVenueSequence, saveVenueSequence } from '../db/changeSequence';
import { countInserted, insertDocuments, storedDocuments } from '../db/documents';
import type { Refusal } from '../errors';
import { refusal } from '../errors';
import { announce } from './changeNotices';
import { canonicalJson } from './canonicalJson';
import { MAX_PROBLEMS, NUL_MESSAGE, fieldWithNul, problemsOfIssues, summaryOf } from './documentProblems';

export type CheckedPush = { ok: true; entries: LedgerEntry[] } | { ok: false; refusal: Refusal };

/** Checks a whole push before anything is written: one bad row refuses the batch. */
export function checkPush(body: unknown, venueId: string): CheckedPush {
  const parsed = pushBodySchema.safeParse(body);
  if (!parsed.success) {
    const problems = problemsOfIssues(parsed.error.issues.slice(0, MAX_PROBLEMS), []);
    return { ok: false, refusal: refusal('invalid-body', `the push is not { rows: [{ newDocumentState, assumedMasterState? }] }: ${summaryOf(problems)}`, problems) };
  }
  const entries: LedgerEntry[] = [];
  const problems: SyncProblem[] = [];
  const wrongVenue: SyncProblem[] = [];
  parsed.data.rows.forEach((row, index) => {
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
  return { ok: true, entries };
}

export type PushResult = { conflicts: SyncDocument[]; inserted: number };

/**
 * Saves the entries not stored yet, in one transaction, and answers with the stored entry for
 * every id that already holds a different one. "The same" ignores key order: a desk that
 * retries after a timeout may serialise an entry differently and must be acknowledged.
 */
export async function pushLedgerEntries(db: Database, venueId: string, deviceId: string, entries: readonly LedgerEntry[]): Promise<PushResult> {
  if (entries.length === 0) return { conflicts: [], inserted: 0 };
  return db.transaction(async (tx) => {
    // Taken before reading what is stored: a concurrent push of the same id waits here and
    // then finds it, instead of both inserting (see changeSequence.ts for the seq order).
    const sequence = await lockVenueSequence(tx, venueId);
    if (!sequence) throw new Error(`venue ${venueId} of an authenticated device is missing`);
    const stored = await storedDocuments(tx, venueId, 'ledger', [...new Set(entries.map((entry) => entry.id))]);
    const storedCanonical = new Map<string, { canonical: string; document: Record<string, unknown> }>();
    for (const [id, json] of stored) {
      const document = JSON.parse(json) as Record<string, unknown>;
      storedCanonical.set(id, { canonical: canonicalJson(document), document });
    }
    const fresh: LedgerEntry[] = [];
    const conflicts: SyncDocument[] = [];
    for (const entry of entries) {
      const known = storedCanonical.get(entry.id);
      if (!known) {
        // The first of two rows with one id in the same batch is the one kept.
        storedCanonical.set(entry.id, { canonical: canonicalJson(entry), document: entry });
        fresh.push(entry);
      } else if (known.canonical !== canonicalJson(entry)) {
        conflicts.push({ ...known.document, id: entry.id, _deleted: false });
      }
    }
    if (fresh.length > 0) {
      const seqs = sequence.take(fresh.length);
      await insertDocuments(tx, venueId, 'ledger', fresh, seqs.first, deviceId);
      await countInserted(tx, venueId, 'ledger', fresh.length);
      await saveVenueSequence(tx, venueId, sequence);
      await announce(tx, { kind: 'changes', venueId, collection: 'ledger', seq: seqs.last });
    }
    return { conflicts, inserted: fresh.length };
  });
}
