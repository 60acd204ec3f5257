// SPEC: "A check-in can be undone; undoing gives the use back and is recorded."
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { passStateFromTally } from '../../shared/rules/passState';
import type { DeskContext } from '../state/deskContext';
import { notAllowed, undoNeeds } from '../../shared/staff/leastRoles';
import { venueDayOf } from '../../shared/rules/venueTime';

export async function undoCheckIn(desk: DeskContext, input: DeskApiPayloads['undoCheckIn']): Promise<DeskApiResults['undoCheckIn']> {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const target = await desk.ledger.entryById(input.checkInId);
  if (!target || target.kind !== 'check-in') return refuse('unknown-check-in');
  if (memory.isUndoneAnywhere(target)) return refuse('already-undone');
  const nowMs = desk.now();
  // SPEC: door "undoes its own check-ins of the day"; a manager (or one who authorised this) any.
  const { signedIn } = desk.staffOnDesk;
  if (signedIn && !desk.staffOnDesk.actingReaches('manager') && undoNeeds(target, signedIn.id, venueDayOf(nowMs, venue.timeZone)) !== 'door') {
    return notAllowed('manager', true);
  }
  await desk.appendLedger({
    kind: 'undo-check-in',
    id: desk.newEntryId(),
    venueId: venue.id,
    checkInId: target.id,
    passId: target.passId,
    customerId: target.customerId,
    sessionId: target.sessionId,
    deskId: desk.deskId,
    ...desk.actor(),
    reason: input.reason?.trim() ?? '',
    at: new Date(nowMs).toISOString(),
    hlc: desk.nextHlc(nowMs),
  });
  // The door says how many uses the pass has after the undo (issue 13).
  const pass = target.passId ? memory.passes.get(target.passId) : undefined;
  const remaining = pass ? passStateFromTally(memory.tallyOf(pass), venue.timeZone, nowMs).remaining : null;
  return { ok: true, passId: target.passId || null, remaining };
}
