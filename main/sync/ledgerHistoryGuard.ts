// SPEC: "History is never edited or lost, also across sync." A ledger entry is immutable and
// its id is globally unique, so a different entry under an id this desk already holds is a
// conflict that no rule can settle by overwriting: the desk keeps its own entry, logs both,
// and shows the conflict in its status (docs/architecture.md, "In this project": sync).
// RxDB's replication would otherwise let the endpoint's version replace the local one (its
// default conflict handler takes the master's state), so such documents never reach it.
import { isDeepStrictEqual } from 'node:util';
import type { SyncDocument } from '../../shared/schema/sync';
import type { LedgerReader } from '../state/ledgerReader';

export type LedgerConflict = {
  id: string;
  /** Pushed: the endpoint holds another entry under this desk's id; pulled: the endpoint sent one. */
  found: 'push' | 'pull';
  local: Record<string, unknown>;
  remote: Record<string, unknown>;
};

/** The record itself, without RxDB's bookkeeping or the wire's deleted flag. */
export function recordOf(document: Record<string, unknown>): Record<string, unknown> {
  const { _deleted, _meta, _rev, _attachments, ...record } = document;
  void _deleted; void _meta; void _rev; void _attachments;
  return record;
}

export function sameEntry(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return isDeepStrictEqual(recordOf(a), recordOf(b));
}

/** What the desk's ledger reader answers for the guard (LedgerReader.heldOf, main/state/ledgerReader.ts). */
export type HeldLedger = Pick<LedgerReader, 'heldOf'>;

/**
 * The conflict rule, in one place: a pulled ledger entry conflicts when this desk holds another
 * entry under its id. Splits pulled ledger documents into those that may be stored and those
 * that would rewrite history. The ledger reader finds what the desk holds under their ids:
 * memory first (the recent entries and every entry written one each), then the history of a
 * bulk load where a pass's summary may hold the entry already (`PassSummary.mayHold`: no
 * storage read for a new entry).
 */
export async function guardLocalHistory(ledger: HeldLedger, documents: SyncDocument[]): Promise<{ accepted: SyncDocument[]; conflicts: LedgerConflict[] }> {
  const accepted: SyncDocument[] = [];
  const conflicts: LedgerConflict[] = [];
  const holding = await ledger.heldOf(documents);
  for (const document of documents) {
    const local = holding.get(document.id);
    if (!local) {
      accepted.push(document);
      continue;
    }
    const localRecord = recordOf(local as Record<string, unknown>);
    if (sameEntry(localRecord, document)) accepted.push(document);
    else conflicts.push({ id: document.id, found: 'pull', local: localRecord, remote: recordOf(document) });
  }
  return { accepted, conflicts };
}
