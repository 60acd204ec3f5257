// The review list after a merge: overdrawn passes (with the check-ins that could be given
// back), double check-ins from two desks, and this desk's own entries the endpoint cannot take
// yet (with why).
import type { DeskApiResults, ReviewCheckIn, ReviewItem } from '../../shared/schema/api';
import type { CheckInEntry } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import { checkInsToGiveBack, doubleCheckInsAcrossDesks } from '../../shared/rules/mergeReview';
import type { DeskContext } from '../state/deskContext';
import { passViewOf } from './passViews';
import { auditEntryStaff } from '../../shared/staff/entryAudit';

export async function syncReview(desk: DeskContext): Promise<DeskApiResults['syncReview']> {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const nowMs = desk.now();
  const nameOf = (customerId: string) => memory.customers.get(customerId)?.name ?? customerId;
  const items: ReviewItem[] = [];
  for (const pass of memory.passes.values()) {
    if (!memory.hasLedgerFor(pass.id)) continue; // only the ledger can overdraw a pass
    // The tally says it without the clock (a large venue has 200,000 passes to look at).
    const tally = memory.tallyOf(pass);
    if (tally.total === null || tally.used <= tally.total) continue;
    const { state } = passViewOf(memory, pass, venue.timeZone, nowMs);
    if (state.overdrawnBy === 0) continue;
    // Only for the few overdrawn passes: the list is asked again every 2 s during a merge.
    // Its whole ledger: the check-ins to give back may be older than the entries memory holds.
    const entries = await desk.ledger.entriesOfPass(pass.id);
    const undoneHere = new Set(entries.flatMap((entry) => (entry.kind === 'undo-check-in' ? [entry.checkInId] : [])));
    const giveBack = checkInsToGiveBack(entries, (checkInId) => undoneHere.has(checkInId) || memory.isUndone(checkInId), state.overdrawnBy);
    items.push({
      kind: 'overdrawn',
      passId: pass.id,
      productName: pass.productName,
      customerId: pass.customerId,
      customerName: nameOf(pass.customerId),
      overdrawnBy: state.overdrawnBy,
      checkIns: giveBack.map(reviewCheckIn),
    });
  }
  for (const double of doubleCheckInsAcrossDesks(memory.allCheckIns(), memory.undoneIds)) {
    const first = double.checkIns[0]!;
    items.push({
      kind: 'double-check-in',
      customerId: first.customerId,
      customerName: nameOf(first.customerId),
      sessionId: first.sessionId || null,
      venueDay: first.venueDay,
      checkIns: double.checkIns.map(reviewCheckIn),
    });
  }
  // Own entries the endpoint cannot take yet (a wrong clock, main/sync/clockAhead.ts): never held silently.
  for (const [entryId, reason] of desk.clockAhead.notSent()) {
    const entry = await desk.ledger.entryById(entryId);
    if (!entry) continue;
    items.push({ kind: 'not-sent', entryId, entryKind: entry.kind, customerId: entry.customerId, customerName: nameOf(entry.customerId), at: entry.at, reason });
  }
  // Entries whose author the venue's staff do not back: kept, and listed for a manager.
  const { staffOnDesk } = desk;
  if (staffOnDesk.required) {
    for (const entry of memory.ledger.values()) {
      const problem = auditEntryStaff(entry, (id) => staffOnDesk.memberById(id));
      if (!problem) continue;
      items.push({ kind: 'staff-audit', entryId: entry.id, entryKind: entry.kind, customerId: entry.customerId, customerName: nameOf(entry.customerId), at: entry.at, deskId: entry.deskId, staff: entry.staff, problem });
    }
  }
  return { ok: true, items };
}

function reviewCheckIn(entry: CheckInEntry): ReviewCheckIn {
  return { checkInId: entry.id, deskId: entry.deskId, at: entry.at, passId: entry.passId || null };
}
