// Check-ins and undos at the door, one after another in the order they were asked for (the
// next scan may arrive while the previous check-in is still being saved), the result shown
// (with a sequence, so that the same result twice is announced twice), and the duplicate
// warning waiting for a second Enter.
import { useCallback, useRef, useState } from 'react';
import type { DeskClient, RecentCheckIn } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { saidOf } from './useDoorSearch';
import type { DoorOutcome } from './CheckInResultPanel';
import { checkInOutcome } from './checkInOutcome';
import type { SessionChoice } from './SessionPicker';
import { refusedOf, stepUpWouldDo } from '../staff/RefusedHere';
import type { StaffRole } from '../../shared/staff/staffRoles';

export type PendingDuplicate = { customer: Customer; sessionId: SessionChoice };
export type UndoItem = Pick<RecentCheckIn, 'checkInId' | 'customerName' | 'charged'>;
/** An undo main refused for the role of the one signed in (another's check-in): a manager's PIN here does it. */
export type UndoStepUp = { item: UndoItem; needs: StaffRole };

/** `afterEach`: runs when each check-in or undo is done (the last check-ins asked again, the focus back in the box). */
export function useCheckIn(desk: DeskClient, afterEach: () => void) {
  const [outcome, setOutcome] = useState<DoorOutcome>({ kind: 'ready' });
  const [outcomeSeq, setOutcomeSeq] = useState(0);
  const [undoStepUp, setUndoStepUp] = useState<UndoStepUp | null>(null);
  const show = useCallback((next: DoorOutcome) => {
    setOutcome(next);
    setOutcomeSeq((current) => current + 1);
    // Whatever happens next at the door, the step-up offered for an earlier undo goes.
    setUndoStepUp(null);
  }, []);
  const [pending, setPending] = useState<PendingDuplicate | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback((work: () => Promise<void>) => {
    queue.current = queue.current.then(work).catch(() => {
      show({ kind: 'failed', said: { error: 'internal' } });
    }).finally(afterEach);
  }, [show, afterEach]);

  const checkIn = useCallback(async (customer: Customer, sessionChoice: SessionChoice, confirmDuplicate: boolean) => {
    const next = await checkInOutcome(desk, customer, sessionChoice, confirmDuplicate);
    if (next.kind === 'confirm-duplicate') setPending({ customer, sessionId: sessionChoice });
    show(next);
  }, [desk, show]);

  /** The duplicate warning was not confirmed: nobody is charged again. */
  const cancelPending = () => {
    if (!pending) return false;
    show({ kind: 'not-charged-again', customer: pending.customer });
    setPending(null);
    return true;
  };

  const undo = useCallback((item: UndoItem) => {
    enqueue(async () => {
      const result = await desk.undoCheckIn({ checkInId: item.checkInId });
      show(result.ok
        ? { kind: 'undone', customerName: item.customerName, charged: item.charged, remaining: result.remaining }
        : { kind: 'failed', said: saidOf(result) });
      // SPEC: "a manager can authorise one action at another person's desk with their own PIN".
      const refused = result.ok ? null : refusedOf(result);
      if (refused && stepUpWouldDo(refused)) setUndoStepUp({ item, needs: refused.needs });
    });
  }, [desk, enqueue, show]);

  return { outcome, outcomeSeq, show, pending, setPending, cancelPending, enqueue, checkIn, undo, undoStepUp };
}
