// The status bar's problem line: the one place where what went wrong with sync is put in
// people's words. The desk keeps working in every case; the line says what staff (or the
// venue's admin) can do about it.
import type { EndpointFailure } from './syncEndpoint';

export function failureLine(failure: EndpointFailure): string {
  switch (failure.kind) {
    case 'unreachable':
      return `The sync endpoint cannot be reached (${failure.message}). This desk keeps working and syncs when it is back.`;
    case 'server-error':
      return `The sync endpoint has a problem (${failure.message}). This desk keeps working and tries again.`;
    case 'refused':
      return `The sync endpoint refused this desk's device token (${failure.message}). Ask for a new token and pair again.`;
    case 'rejected':
      return `The sync endpoint refused a request (${failure.message}). This desk keeps its data and tries again.`;
    case 'bad-answer':
      return `The sync endpoint's answer was not understood (${failure.message}). Check the endpoint's address.`;
  }
}

export function conflictLine(count: number, lastId: string): string {
  return `${count} ledger ${count === 1 ? 'entry conflicts' : 'entries conflict'} with a different entry under the same id on the sync endpoint (last: ${lastId}). This desk keeps its own history; ask the venue's admin to look at the log.`;
}

export function droppedLine(count: number, last: { collection: string; id: string; reason: string }): string {
  return `${count} ${count === 1 ? 'document' : 'documents'} from the sync endpoint ${count === 1 ? 'was' : 'were'} refused as invalid (last: ${last.collection} ${last.id}: ${last.reason}). The rest synced.`;
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
