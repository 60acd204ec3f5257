// Check-in, command to durable commit: `desk.call('checkIn', …)` timed in Node from the call
// to its answer (which comes after the ledger entry's strict-durability write in the storage
// host page), beside a bare strict IndexedDB put of the very same ledger entries in the same
// page, one put per transaction, timed in the page until `oncomplete`.
//
// The two are interleaved in blocks (a block of check-ins, then the same entries put bare),
// so that a slow spell of the disk or the machine lands on both.
import type { Page } from 'playwright-core';
import type { Desk } from '../../main/desk/openDesk';
import type { LedgerEntry } from '../../shared/schema/records';
import { resetBareDatabase, strictPuts } from './pageIdb';
import type { Summary } from './percentiles';
import { progress, ratio, shuffled, summarize } from './percentiles';

export type WalkIn = { customerId: string; confirmDuplicate: boolean };

/**
 * Customers who can be checked in now as walk-ins (no session) with an eligible 'all' pass:
 * first those not yet in today; when earlier runs of the same day have used them up, then
 * customers already in today, whose check-in is confirmed as a second one (charged like any
 * walk-in: the same single write).
 */
export async function pickWalkIns(desk: Desk, count: number, random: () => number): Promise<WalkIn[]> {
  const fresh: WalkIn[] = [];
  const again: WalkIn[] = [];
  for (const customerId of shuffled([...desk.context.memory.customers.keys()], random)) {
    if (fresh.length >= count) break;
    const answer = await desk.call('previewCheckIn', { customerId, sessionId: null });
    if (!answer.ok || answer.preview.kind !== 'redeem') continue;
    if (!answer.preview.alreadyCheckedIn) fresh.push({ customerId, confirmDuplicate: false });
    else if (again.length < count) again.push({ customerId, confirmDuplicate: true });
  }
  return [...fresh, ...again].slice(0, count);
}

export function checkInPayload(walkIn: WalkIn): { customerId: string; sessionId: null; confirmDuplicate?: true } {
  return walkIn.confirmDuplicate ? { customerId: walkIn.customerId, sessionId: null, confirmDuplicate: true } : { customerId: walkIn.customerId, sessionId: null };
}

export type CheckInFigures = Summary & {
  target: string;
  refused: Record<string, number>;
  /** Customers already in today (earlier runs of the same day), checked in again with confirmDuplicate. */
  confirmedDuplicates: number;
  warmUp: number;
  baseline: Summary & { name: string };
  ratioP50: number;
  ratioP99: number;
};

export async function benchCheckIns(desk: Desk, page: Page, options: { count: number; block: number; warmUp: number; random: () => number }): Promise<CheckInFigures> {
  const customers = await pickWalkIns(desk, options.count + options.warmUp, options.random);
  if (customers.length < options.count + options.warmUp) progress(`only ${customers.length} customers can be checked in as walk-ins now`);
  await resetBareDatabase(page);

  const deskTimes: number[] = [];
  const bareTimes: number[] = [];
  const refused: Record<string, number> = {};
  const checkInBlock = async (walkIns: readonly WalkIn[], keep: boolean): Promise<LedgerEntry[]> => {
    const entries: LedgerEntry[] = [];
    for (const walkIn of walkIns) {
      const started = performance.now();
      const answer = await desk.call('checkIn', checkInPayload(walkIn));
      const elapsed = performance.now() - started;
      if (!answer.ok) {
        refused[answer.error] = (refused[answer.error] ?? 0) + 1;
        continue;
      }
      if (keep) deskTimes.push(elapsed);
      const entry = desk.context.memory.ledger.get(answer.checkInId);
      if (entry) entries.push(entry);
    }
    return entries;
  };

  // Warm-up: both paths once through (JIT, first transactions), not counted.
  const warmEntries = await checkInBlock(customers.slice(0, options.warmUp), false);
  await strictPuts(page, warmEntries);

  const measured = customers.slice(options.warmUp);
  for (let start = 0; start < measured.length; start += options.block) {
    const entries = await checkInBlock(measured.slice(start, start + options.block), true);
    bareTimes.push(...await strictPuts(page, entries));
    progress(`check-ins ${Math.min(measured.length, start + options.block)} / ${measured.length}`);
  }

  const deskSummary = summarize(deskTimes);
  const bareSummary = summarize(bareTimes);
  return {
    ...deskSummary,
    refused,
    confirmedDuplicates: measured.filter((walkIn) => walkIn.confirmDuplicate).length,
    warmUp: options.warmUp,
    baseline: { name: 'bare strict IndexedDB put of the same documents in the same page (one put per transaction, durability strict, timed in the page to oncomplete)', ...bareSummary },
    ratioP50: ratio(deskSummary.p50Ms, bareSummary.p50Ms),
    ratioP99: ratio(deskSummary.p99Ms, bareSummary.p99Ms),
    target: 'p50 ≤ 3× and p99 ≤ 5× baseline',
  };
}
