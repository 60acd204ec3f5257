// The status bar's problem line: what went wrong with sync, as a code (SyncProblemCode, which
// tests and the renderer branch on), a note the renderer puts in people's words (main sends no
// sentences: shared/rules/deskNotes.ts), and the technical details behind "Details". The desk
// keeps working in every case; the words say what staff (or the venue's admin) can do about it.
import type { SyncProblemCode } from '../../shared/schema/api';
import type { DeskNote } from '../../shared/rules/deskNotes';
import type { EndpointFailure } from './syncEndpoint';

/** A problem for the status bar: its code, its note, and the technical details behind "Details" (English, for the venue's admin). */
export type ProblemLine = { code: SyncProblemCode; note: DeskNote; details: string | null };

/** Which problem a failure is, by the endpoint's code where it gave one: each asks something else of staff. */
export function problemOf(failure: EndpointFailure): SyncProblemCode {
  switch (failure.kind) {
    case 'unreachable':
      return 'endpoint-unreachable';
    case 'untrusted':
      return 'hub-untrusted';
    case 'refused':
      return 'token-refused';
    case 'limited':
      return failure.code === 'too-many-streams' ? 'too-many-streams' : 'too-many-failed-attempts';
    case 'server-error':
      return failure.code === 'storage-full' ? 'endpoint-disk-full' : failure.code === 'unavailable' ? 'endpoint-unavailable' : 'endpoint-error';
    case 'rejected':
      return 'request-refused';
    case 'bad-answer':
      return 'bad-answer';
  }
}

/** The note the renderer puts in words for each problem of a failure: what staff can do about it differs. */
const failureNotes: Record<Exclude<SyncProblemCode, 'conflicts' | 'records-left-out' | 'venue-mismatch' | 'pairing-check'>, DeskNote> = {
  'endpoint-unreachable': { note: 'sync-unreachable' },
  'hub-untrusted': { note: 'sync-hub-untrusted' },
  'endpoint-error': { note: 'sync-server-error' },
  'endpoint-unavailable': { note: 'sync-endpoint-unavailable' },
  'endpoint-disk-full': { note: 'sync-endpoint-disk-full' },
  'token-refused': { note: 'sync-token-refused' },
  'too-many-failed-attempts': { note: 'sync-too-many-failed-attempts' },
  'too-many-streams': { note: 'sync-too-many-streams' },
  'request-refused': { note: 'sync-request-refused' },
  'bad-answer': { note: 'sync-bad-answer' },
};

/** `note`: another note than the failure's own (a hub refused while the desk syncs with upstream). */
export function failureLine(failure: EndpointFailure, note?: DeskNote): ProblemLine {
  const code = problemOf(failure);
  return { code, note: note ?? failureNotes[code as keyof typeof failureNotes], details: failure.message };
}

export function conflictLine(count: number, lastId: string): ProblemLine {
  return {
    code: 'conflicts',
    note: { note: 'sync-conflicts', count },
    details: `${count} ledger ${count === 1 ? 'entry conflicts' : 'entries conflict'} with a different entry under the same id on the sync endpoint (last: ${lastId}).`,
  };
}

export function droppedLine(count: number, last: { collection: string; id: string; reason: string }): ProblemLine {
  return {
    code: 'records-left-out',
    note: { note: 'sync-dropped', count },
    details: `${count} ${count === 1 ? 'document' : 'documents'} from the sync endpoint ${count === 1 ? 'was' : 'were'} refused as invalid (last: ${last.collection} ${last.id}: ${last.reason}).`,
  };
}
