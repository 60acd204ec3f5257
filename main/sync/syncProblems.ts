// The status bar's problem line: the one place where what went wrong with sync is put in
// people's words. The desk keeps working in every case; the line says what staff (or the
// venue's admin) can do about it.
import type { SyncProblemCode } from '../../shared/schema/api';
import type { EndpointFailure } from './syncEndpoint';

/** A problem for the status bar: its code, one plain sentence, and the technical details behind "Details". */
export type ProblemLine = { code: SyncProblemCode; words: string; details: string | null };

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

export function failureLine(failure: EndpointFailure): ProblemLine {
  const details = failure.message;
  const code = problemOf(failure);
  switch (failure.kind) {
    case 'unreachable':
      return { code, words: 'The sync endpoint cannot be reached. This desk keeps working and syncs when it is back.', details };
    case 'untrusted':
      return { code, words: 'The venue hub at this address is not the one this desk was paired with, so nothing was sent to it. Ask the venue\'s admin; pair again only with the hub\'s own code.', details };
    case 'server-error':
      return { code, words: 'The sync endpoint has a problem. This desk keeps working and tries again.', details };
    case 'refused':
      return { code, words: 'The sync endpoint refused this desk\'s device token. Ask for a new token and pair again.', details };
    case 'limited':
      return { code, words: 'The sync endpoint asks this desk to wait. This desk keeps working and tries again later.', details };
    case 'rejected':
      return { code, words: 'The sync endpoint refused a request. This desk keeps its data and tries again.', details };
    case 'bad-answer':
      return { code, words: 'The sync endpoint\'s answer was not understood. Check the endpoint\'s address.', details };
  }
}

export function conflictLine(count: number, lastId: string): ProblemLine {
  return {
    code: 'conflicts',
    words: `${count} ${count === 1 ? 'check-in or change conflicts' : 'check-ins or changes conflict'} with the sync endpoint's copy. This desk keeps its own history; ask the venue's admin to look at the log.`,
    details: `${count} ledger ${count === 1 ? 'entry conflicts' : 'entries conflict'} with a different entry under the same id on the sync endpoint (last: ${lastId}).`,
  };
}

export function droppedLine(count: number, last: { collection: string; id: string; reason: string }): ProblemLine {
  return {
    code: 'records-left-out',
    words: `${count} ${count === 1 ? 'record' : 'records'} from the sync endpoint could not be used and ${count === 1 ? 'was' : 'were'} left out. The rest synced.`,
    details: `${count} ${count === 1 ? 'document' : 'documents'} from the sync endpoint ${count === 1 ? 'was' : 'were'} refused as invalid (last: ${last.collection} ${last.id}: ${last.reason}).`,
  };
}

export function venueMismatchLine(held: string, served: string): string {
  return `This desk holds venue "${held}", but the sync endpoint serves venue "${served}". A desk holds one venue: pair a new desk (a fresh data folder) with "${served}".`;
}

/** Pairing refused because the desk holds another venue's entries that were never sent: they are kept. */
export function keptVenueLine(held: { id: string; name?: string }, made: { checkIns: number; changes: number }): string {
  const parts = [
    made.checkIns > 0 ? `${made.checkIns} ${made.checkIns === 1 ? 'check-in' : 'check-ins'}` : null,
    made.changes > 0 ? `${made.changes} pass ${made.changes === 1 ? 'change' : 'changes'}` : null,
  ].filter((part) => part !== null).join(' and ');
  return `Not paired: this desk holds entries at ${held.name ?? held.id} that were never synced (${parts}), and pairing with another venue would lose them. They are kept. Use another desk (a new data folder) for the other venue.`;
}
