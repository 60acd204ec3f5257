// The confirmation before the demo venue is replaced (by a pairing, or a venue file): it says
// what is discarded, counted — the demo's customers and the check-ins and pass changes practised
// on this desk. Keyboard first: the focus is on the confirming button (Enter), Esc keeps the demo.
import { useEffect, useRef } from 'react';
import type { DemoPractice } from '../../shared/schema/api';

type Props = { title: string; practice: DemoPractice; busy: boolean; confirmLabel: string; onConfirm: () => void; onKeep: () => void };

export function DemoDiscardConfirm({ title, practice, busy, confirmLabel, onConfirm, onKeep }: Props) {
  const confirmRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      className="pair__confirm"
      role="alertdialog"
      aria-labelledby="demo-discard-title"
      aria-describedby="demo-discard-words"
      data-testid="demo-discard-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onKeep();
        }
      }}
    >
      <p id="demo-discard-title" className="pair__confirm-title">{title}</p>
      <p id="demo-discard-words">{discardWords(practice)} Nothing of it is sent to your venue.</p>
      <div className="setup__row">
        <button ref={confirmRef} type="button" className="adjust__button adjust__button--danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Working…' : <>{confirmLabel} <kbd>Enter</kbd></>}
        </button>
        <button type="button" className="adjust__button" disabled={busy} onClick={onKeep}>Keep the demo <kbd>Esc</kbd></button>
      </div>
    </div>
  );
}

/** "Discarded for good: the demo's 300 customers, and 2 practice check-ins made on this desk." */
export function discardWords(practice: DemoPractice): string {
  const made = [
    `${practice.checkIns} practice ${practice.checkIns === 1 ? 'check-in' : 'check-ins'}`,
    ...(practice.changes > 0 ? [`${practice.changes} practice pass ${practice.changes === 1 ? 'change' : 'changes'}`] : []),
  ].join(' and ');
  return `Discarded for good: the demo’s ${practice.customers.toLocaleString('en-GB')} customers, and ${made} made on this desk.`;
}
