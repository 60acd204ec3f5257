// The confirmation before the demo venue is replaced (by a pairing, or a venue file): it says
// what is discarded, counted — the demo's customers and the check-ins and pass changes practised
// on this desk. Keyboard first: the focus is on the confirming button (Enter), Esc keeps the demo.
import { useEffect, useRef } from 'react';
import type { DemoPractice } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import type { Words } from '../words';

type Props = { title: string; practice: DemoPractice; busy: boolean; confirmLabel: string; onConfirm: () => void; onKeep: () => void };

export function DemoDiscardConfirm({ title, practice, busy, confirmLabel, onConfirm, onKeep }: Props) {
  const confirmRef = useRef<HTMLButtonElement | null>(null);
  const words = useWords();
  const { t } = words;
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
      <p id="demo-discard-words">{discardWords(words, practice)} {t('demo.notSent')}</p>
      <div className="setup__row">
        <button ref={confirmRef} type="button" className="adjust__button adjust__button--danger" disabled={busy} onClick={onConfirm}>
          {busy ? t('demo.working') : <>{confirmLabel} <kbd>Enter</kbd></>}
        </button>
        <button type="button" className="adjust__button" disabled={busy} onClick={onKeep}>{t('demo.keep')} <kbd>Esc</kbd></button>
      </div>
    </div>
  );
}

/** "Discarded for good: the demo's 300 customers, and 2 practice check-ins made on this desk." */
export function discardWords(words: Words, practice: DemoPractice): string {
  return words.t(practice.changes > 0 ? 'demo.discardedWithChanges' : 'demo.discarded', { customers: practice.customers, checkIns: practice.checkIns, changes: practice.changes });
}
