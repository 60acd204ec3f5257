// What needs a person after a merge (SPEC: "overdrawn passes, and the same customer checked
// in to the same session by two desks (either can be undone there)"). Each double check-in
// lists its check-ins with Undo; an overdrawn pass lists the latest check-ins that could be
// given back, each with Undo, and opens where it can be settled otherwise. An entry of this
// desk's that the server cannot take yet (a wrong clock) is listed with why.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeskClient, ReviewCheckIn, ReviewItem } from '../../shared/schema/api';
import type { LedgerKind } from '../../shared/schema/records';
import { dateWords, refusalWords, timeWords, whenWords } from '../words';
import { notSentWords } from './clockWords';

/** A row of one line of words and one of buttons; rows with more buttons wrap and are measured. */
const ROW_PX = 64;

type Props = {
  desk: DeskClient;
  items: readonly ReviewItem[];
  timeZone: string | null;
  nowMs: number;
  onOpenPass: (customerId: string, passId: string) => void;
  onClose: () => void;
};

type UndoButtonProps = { checkIn: ReviewCheckIn; customerName: string; when: string; gives: string; onUndo: () => void };

function UndoButton({ checkIn, customerName, when, gives, onUndo }: UndoButtonProps) {
  return (
    <button
      type="button"
      className="fix-button fix-button--plain"
      aria-label={`Undo the check-in of ${customerName} by ${checkIn.deskId} at ${when}${gives}`}
      onClick={onUndo}
    >
      Undo {checkIn.deskId} {when}
    </button>
  );
}

/** "checked in by 2 desks", or "checked in 3 times by 2 desks" when a desk confirmed a second one. */
function checkedInBy(checkIns: readonly { deskId: string }[]): string {
  const desks = new Set(checkIns.map((checkIn) => checkIn.deskId)).size;
  return checkIns.length === desks ? `checked in by ${desks} desks` : `checked in ${checkIns.length} times by ${desks} desks`;
}

export function ReviewList({ desk, items, timeZone, nowMs, onOpenPass, onClose }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const sectionRef = useRef<HTMLElement | null>(null);
  const closeRef = useRef<HTMLButtonElement | null>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    // Rows are keyed by what they are about, so a measured height follows its row when one above goes.
    getItemKey: (index) => itemKey(items[index]!),
    overscan: 4,
  });
  useEffect(() => {
    sectionRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);

  const undo = (checkIn: ReviewCheckIn, name: string, reason: string) => {
    desk.undoCheckIn({ checkInId: checkIn.checkInId, reason }).then((result) => {
      setNote(result.ok ? `Check-in of ${name} by ${checkIn.deskId} undone: the use was given back.` : refusalWords(result.error, result.message));
    }, () => setNote(refusalWords('internal'))).finally(() => {
      // The row with the button pressed goes away: the focus stays in the list, on Close.
      closeRef.current?.focus();
    });
  };

  return (
    <section
      ref={sectionRef}
      className="review"
      aria-labelledby="review-title"
      data-testid="review-list"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="review__head">
        <h2 id="review-title" className="review__title">Needs review after sync</h2>
        <button ref={closeRef} type="button" className="adjust__button" onClick={onClose}>Close <kbd>Esc</kbd></button>
      </div>
      {note ? <p className="review__note" role="status">{note}</p> : null}
      {items.length === 0 ? <p className="review__empty">Nothing left to review.</p> : null}
      <div ref={scrollRef} className="review__scroll" tabIndex={0} role="region" aria-label="Items to review">
        <ul className="review__list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <li key={row.key} ref={virtualizer.measureElement} data-index={row.index}
                className="review__item" style={{ transform: `translateY(${row.start}px)`, minHeight: ROW_PX }}>
                {item.kind === 'overdrawn' ? (
                  <>
                    <span className="review__what">
                      <span aria-hidden="true">! </span><strong>{item.customerName}</strong>: {item.productName} is overdrawn by {item.overdrawnBy}
                      {item.checkIns.length > 0 ? ' — give a use back, or settle it on the pass' : ''}
                    </span>
                    <span className="review__actions">
                      {item.checkIns.map((checkIn) => (
                        <UndoButton
                          key={checkIn.checkInId}
                          checkIn={checkIn}
                          customerName={item.customerName}
                          when={whenWords(checkIn.at, timeZone, nowMs)}
                          gives={`, giving a use of ${item.productName} back`}
                          onUndo={() => undo(checkIn, item.customerName, 'pass overdrawn after sync: use given back')}
                        />
                      ))}
                      <button type="button" className="fix-button fix-button--plain" onClick={() => onOpenPass(item.customerId, item.passId)}>
                        Open pass to settle
                      </button>
                    </span>
                  </>
                ) : item.kind === 'not-sent' ? (
                  <NotSentRow item={item} when={whenWords(item.at, timeZone, nowMs)} />
                ) : item.kind === 'staff-audit' ? (
                  <StaffAuditRow item={item} when={whenWords(item.at, timeZone, nowMs)} />
                ) : (
                  <>
                    <span className="review__what">
                      <span aria-hidden="true">‼ </span><strong>{item.customerName}</strong>: {checkedInBy(item.checkIns)}
                      {item.sessionId ? ' to the same session' : ` as a walk-in on ${dateWords(item.venueDay)}`}
                    </span>
                    <span className="review__actions">
                      {item.checkIns.map((checkIn) => (
                        <UndoButton
                          key={checkIn.checkInId}
                          checkIn={checkIn}
                          customerName={item.customerName}
                          when={timeWords(checkIn.at, timeZone)}
                          gives=""
                          onUndo={() => undo(checkIn, item.customerName, 'double check-in from two desks, found after sync')}
                        />
                      ))}
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function itemKey(item: ReviewItem): string {
  switch (item.kind) {
    case 'overdrawn': return `o:${item.passId}`;
    case 'double-check-in': return `d:${item.customerId}:${item.sessionId ?? item.venueDay}`;
    case 'not-sent': return `n:${item.entryId}`;
    case 'staff-audit': return `s:${item.entryId}`;
  }
}

const entryWords: Record<LedgerKind, string> = {
  'check-in': 'A check-in',
  'undo-check-in': 'An undone check-in',
  'uses-override': 'A change to the number of uses',
  'expiry-override': 'A change to the expiry',
  revoke: 'A revoked pass',
};

/** One of this desk's own entries the server cannot take yet: what it is and why, nothing to press. */
function NotSentRow({ item, when }: { item: Extract<ReviewItem, { kind: 'not-sent' }>; when: string }) {
  return (
    <span className="review__what">
      <span aria-hidden="true">! </span><strong>{item.customerName}</strong>: {entryWords[item.entryKind]} at {when} is not sent to the server yet: {notSentWords(item.reason)}.
    </span>
  );
}

const staffProblemWords: Record<Extract<ReviewItem, { kind: 'staff-audit' }>['problem'], string> = {
  'unknown-staff': 'by someone who is not on the venue’s staff',
  'inactive-staff': 'by someone who can no longer sign in',
  'role-short': 'by someone whose role does not allow it, with no manager’s PIN',
};

/** An entry kept and counted, whose author a manager should look at (shared/staff/entryAudit.ts). */
function StaffAuditRow({ item, when }: { item: Extract<ReviewItem, { kind: 'staff-audit' }>; when: string }) {
  return (
    <span className="review__what">
      <span aria-hidden="true">! </span><strong>{item.customerName}</strong>: {entryWords[item.entryKind]} at {when}, signed “{item.staff}” at {item.deskId}, was made {staffProblemWords[item.problem]}. It counts; check it with them.
    </span>
  );
}
