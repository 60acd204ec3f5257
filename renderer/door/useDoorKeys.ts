// The door's keys wherever the focus is on the door: printable keys go to the search box,
// Ctrl+Z undoes the check-in the result shows, F1 and Esc bring the focus back to the box.
import type { RefObject } from 'react';
import type { RecentCheckIn } from '../../shared/schema/api';
import type { DoorOutcome } from './CheckInResultPanel';
import { useWindowListener } from '../shell/useWindowListener';

/**
 * A scanner or a fast typist may press a key while another control has the focus (after a
 * click on Undo, say). Printable keys are sent back to the search box so nothing is lost:
 * moving the focus during keydown makes the browser type the character into the new target.
 */
export function useKeysGoToSearch(inputRef: RefObject<HTMLInputElement | null>): void {
  useWindowListener('keydown', (event) => {
    const input = inputRef.current;
    if (!input || document.activeElement === input) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
    const target = event.target;
    // The session picker included: a scan must never jump it to another session by type-ahead.
    if (target instanceof HTMLTextAreaElement) return;
    if (target instanceof HTMLInputElement && target !== input) return;
    // Space on a button is a press of that button, not a character.
    if (event.key === ' ' && target instanceof HTMLButtonElement) return;
    input.focus();
  }, { on: 'document', capture: true });
  // Coming back to the desk window: the box is where the next scan goes.
  useWindowListener('focus', () => {
    if (document.activeElement === document.body || document.activeElement === null) inputRef.current?.focus();
  });
}

/**
 * Keys of the door wherever the focus is on it: Ctrl+Z undoes the check-in the result shows
 * (the wrong person, caught at once); F1 (this screen's own key) and Esc bring the focus back
 * to the search box from a button, the session picker or a fix.
 */
export function useDoorKeys(
  inputRef: RefObject<HTMLInputElement | null>,
  outcome: DoorOutcome,
  onUndo: (item: Pick<RecentCheckIn, 'checkInId' | 'customerName' | 'charged'>) => void,
): void {
  useWindowListener('keydown', (event) => {
    const input = inputRef.current;
    if (!input) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key === 'z' || event.key === 'Z')) {
      const shown = outcome;
      if (shown.kind !== 'checked-in') return;
      // Ctrl+Z in the box with text typed is the box's own undo of the typing.
      if (document.activeElement === input && input.value !== '') return;
      event.preventDefault();
      onUndo({ checkInId: shown.result.checkInId, customerName: shown.customer.name, charged: shown.result.charged });
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (event.key === 'F1' || (event.key === 'Escape' && document.activeElement !== input)) {
      // The search box's own Esc (clear, or cancel a duplicate) stays the box's.
      input.focus();
    }
  }, { on: 'document' });
}
