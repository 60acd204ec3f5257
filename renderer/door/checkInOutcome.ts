// One check-in and what the screen says about it, shared by the door and the attendance
// list, so that both read the same: charged pass and uses left, attendance-only, a duplicate
// to confirm, or a refusal with every reason per pass.
import type { DeskClient } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import type { DoorOutcome } from './CheckInResultPanel';

export async function checkInOutcome(
  desk: DeskClient,
  customer: Customer,
  sessionId: string | null,
  confirmDuplicate: boolean,
): Promise<DoorOutcome> {
  const customerId = customer.id;
  const [result, overview] = await Promise.all([
    desk.checkIn(confirmDuplicate ? { customerId, sessionId, confirmDuplicate: true } : { customerId, sessionId }),
    desk.customerOverview({ customerId }),
  ]);
  const passes = overview.ok ? overview.overview.passes : [];
  if (result.ok) return { kind: 'checked-in', customer, result, passes };
  // SPEC: "the desk is warned and must confirm; a confirmed second check-in is charged".
  if (result.error === 'already-checked-in') return { kind: 'confirm-duplicate', customer, walkIn: sessionId === null };
  return { kind: 'refused', customer, refusal: result, passes, walkIn: sessionId === null };
}
