// An own ledger entry the endpoint refused as stamped ahead of its clock (`clock-ahead`), made
// while this desk's clock was wrong and could not be measured (docs/architecture.md "Clocks
// that cannot be poisoned"). It is re-timed by the offset measured now: its stamp, its instant
// and (a check-in) its venue day all move together, since all three were read from the same
// wrong clock. SPEC "Clocks": a check-in counts on the venue day it really happened, and an
// override made by a wrong clock must not outrank later genuine ones. Nothing re-timed is ever
// later than the endpoint's time now (the clock's error may have changed since).
import { DateTime } from 'luxon';
import type { LedgerEntry } from '../schema/records';
import { formatHlc, readHlc } from './hybridLogicalClock';
import { instantMs, venueDayOf } from './venueTime';

export type RetimedFields = { hlc: string; at: string; venueDay?: string };

/** The entry's fields re-timed by `offsetMs` (the endpoint's time minus this desk's), or null when its stamp is not one. */
export function retimeOwnEntry(entry: Pick<LedgerEntry, 'hlc' | 'at' | 'kind'>, offsetMs: number, endpointNowMs: number, timeZone: string): RetimedFields | null {
  const stamp = readHlc(entry.hlc);
  const atMs = instantMs(entry.at);
  if (!stamp || !Number.isFinite(atMs)) return null;
  const shifted = (ms: number) => Math.max(0, Math.min(ms + offsetMs, endpointNowMs));
  const wallMs = shifted(stamp.wallMs);
  const at = DateTime.fromMillis(shifted(atMs), { zone: 'utc' }).toISO()!;
  const hlc = formatHlc({ wallMs, counter: stamp.counter }, stamp.deskId);
  return entry.kind === 'check-in' ? { hlc, at, venueDay: venueDayOf(at, timeZone) } : { hlc, at };
}
