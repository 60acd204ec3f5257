// The part every pass command shares: find the pass and its state now, and stamp a ledger
// entry of this desk for it.
import type { Pass, Venue } from '../../shared/schema/records';
import type { PassState } from '../../shared/rules/passState';
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';
import type { DeskContext } from '../state/deskContext';
import { passViewOf } from '../queries/passViews';

export type LoadedPass = { ok: true; venue: Venue; pass: Pass; state: PassState; nowMs: number };

export function loadPass(desk: DeskContext, passId: string): LoadedPass | Refusal<'no-venue' | 'unknown-pass'> {
  const venue = desk.memory.venue;
  if (!venue) return refuse('no-venue');
  const pass = desk.memory.passes.get(passId);
  if (!pass) return refuse('unknown-pass');
  const nowMs = desk.now();
  return { ok: true, venue, pass, nowMs, state: passViewOf(desk.memory, pass, venue.timeZone, nowMs).state };
}

/** The fields every ledger entry about this pass carries. */
export function entryBase(desk: DeskContext, loaded: LoadedPass, reason: string | undefined) {
  return {
    id: desk.newEntryId(),
    venueId: loaded.venue.id,
    passId: loaded.pass.id,
    customerId: loaded.pass.customerId,
    deskId: desk.deskId,
    ...desk.actor(),
    reason: reason?.trim() ?? '',
    at: new Date(loaded.nowMs).toISOString(),
    hlc: desk.nextHlc(loaded.nowMs),
  };
}

export function stateAfter(desk: DeskContext, loaded: LoadedPass): PassState {
  return passViewOf(desk.memory, loaded.pass, loaded.venue.timeZone, loaded.nowMs).state;
}
