// The review list after a merge: overdrawn passes and double check-ins from two desks.
import type { DeskApiResults, ReviewItem } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { doubleCheckInsAcrossDesks } from '../../shared/rules/mergeReview';
import type { DeskContext } from '../desk/deskContext';
import { passViewOf } from './passViews';

export function syncReview(desk: DeskContext): DeskApiResults['syncReview'] {
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
    if (state.overdrawnBy > 0) items.push({ kind: 'overdrawn', passId: pass.id, customerId: pass.customerId, customerName: nameOf(pass.customerId), overdrawnBy: state.overdrawnBy });
  }
  for (const double of doubleCheckInsAcrossDesks(memory.allCheckIns(), memory.undoneIds)) {
    const first = double.checkIns[0]!;
    items.push({
      kind: 'double-check-in',
      customerId: first.customerId,
      customerName: nameOf(first.customerId),
      sessionId: first.sessionId || null,
      venueDay: first.venueDay,
      checkIns: double.checkIns.map((entry) => ({ checkInId: entry.id, deskId: entry.deskId, at: entry.at, passId: entry.passId || null })),
    });
  }
  return { ok: true, items };
}
