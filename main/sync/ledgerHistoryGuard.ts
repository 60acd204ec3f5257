// SPEC: "History is never edited or lost, also across sync." A ledger entry is immutable and
// its id is globally unique, so a different entry under an id this desk already holds is a
// conflict that no rule can settle by overwriting: the desk keeps its own entry, logs both,
// and shows the conflict in its status (docs/architecture.md, "In this project": sync).
// RxDB's replication would otherwise let the endpoint's version replace the local one (its
// default conflict handler takes the master's state), so such documents never reach it.
import { isDeepStrictEqual } from 'node:util';
import type { SyncDocument } from '../../shared/schema/sync';

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

/**
 * Splits pulled ledger documents into those that may be stored and those that would rewrite
 * history. `held` looks an entry up in the desk's memory, which holds the whole ledger and is
 * kept current by change events: no storage read per batch (a first sync pulls a million).
 */
export function guardLocalHistory(held: (id: string) => object | undefined, documents: SyncDocument[]): { accepted: SyncDocument[]; conflicts: LedgerConflict[] } {
  const accepted: SyncDocument[] = [];
  const conflicts: LedgerConflict[] = [];
  for (const document of documents) {
    const local = held(document.id);
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
