// What needs a person after a merge (SPEC: "overdrawn passes, and the same customer checked
// in to the same session by two desks (either can be undone there)"). Each double check-in
// lists its check-ins with Undo; an overdrawn pass lists the latest check-ins that could be
// given back, each with Undo, and opens where it can be settled otherwise. An entry of this
// desk's that the server cannot take yet (a wrong clock) is listed with why.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeskClient, ReviewCheckIn, ReviewItem } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import type { Words } from '../words';
import { notSentWords } from './clockWords';
import { RefusedHere, refusedOf, stepUpWouldDo } from '../staff/RefusedHere';
import type { Refused } from '../staff/RefusedHere';

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

/** `givesBack`: the pass a use goes back to (an overdrawn pass), or null. */
type UndoButtonProps = { checkIn: ReviewCheckIn; customerName: string; when: string; givesBack: string | null; onUndo: () => void };

function UndoButton({ checkIn, customerName, when, givesBack, onUndo }: UndoButtonProps) {
  const { t } = useWords();
  return (
    <button
      type="button"
      className="fix-button fix-button--plain"
      aria-label={givesBack === null
        ? t('review.undoLabel', { name: customerName, desk: checkIn.deskId, when })
        : t('review.undoGivesBackLabel', { name: customerName, desk: checkIn.deskId, when, pass: givesBack })}
      onClick={onUndo}
    >
      {t('review.undo', { desk: checkIn.deskId, when })}
    </button>
  );
}

/** "checked in by 2 desks", or "checked in 3 times by 2 desks" when a desk confirmed a second one. */
function checkedInBy(words: Words, checkIns: readonly { deskId: string }[]): string {
  const desks = new Set(checkIns.map((checkIn) => checkIn.deskId)).size;
  return checkIns.length === desks ? words.t('review.byDesks', { desks }) : words.t('review.timesByDesks', { times: checkIns.length, desks });
}

export function ReviewList({ desk, items, timeZone, nowMs, onOpenPass, onClose }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const words = useWords();
  const { t } = words;
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

  // Settling an item is an undo: another desk's or person's check-in needs a manager, whose PIN
  // right here does it (RefusedHere).
  const [refused, setRefused] = useState<{ refused: Refused; retry: () => void } | null>(null);
  const undo = (checkIn: ReviewCheckIn, name: string, reason: string) => {
    desk.undoCheckIn({ checkInId: checkIn.checkInId, reason }).then((result) => {
      if (!result.ok && stepUpWouldDo(refusedOf(result))) {
        setNote(null);
        setRefused({ refused: refusedOf(result), retry: () => undo(checkIn, name, reason) });
        return;
      }
      setRefused(null);
      setNote(result.ok ? t('review.undone', { name, desk: checkIn.deskId }) : words.refusalWords(result.error, result.note));
    }, () => setNote(words.refusalWords('internal'))).finally(() => {
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
        <h2 id="review-title" className="review__title">{t('review.title')}</h2>
        <button ref={closeRef} type="button" className="adjust__button" onClick={onClose}>{t('review.close')} <kbd>Esc</kbd></button>
      </div>
      {note ? <p className="review__note" role="status">{note}</p> : null}
      <RefusedHere desk={desk} refused={refused?.refused ?? null} onAuthorised={() => refused?.retry()} testId="review-refused" />
      {items.length === 0 ? <p className="review__empty">{t('review.empty')}</p> : null}
      <div ref={scrollRef} className="review__scroll" tabIndex={0} role="region" aria-label={t('review.items')}>
        <ul className="review__list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <li key={row.key} ref={virtualizer.measureElement} data-index={row.index}
                className="review__item" style={{ transform: `translateY(${row.start}px)`, minHeight: ROW_PX }}>
                {item.kind === 'overdrawn' ? (
                  <>
                    <span className="review__what">
                      <span aria-hidden="true">! </span>{words.rich(item.checkIns.length > 0 ? 'review.overdrawnGiveBack' : 'review.overdrawn', { name: <strong>{item.customerName}</strong>, pass: item.productName, count: item.overdrawnBy })}
                    </span>
                    <span className="review__actions">
                      {item.checkIns.map((checkIn) => (
                        <UndoButton
                          key={checkIn.checkInId}
                          checkIn={checkIn}
                          customerName={item.customerName}
                          when={words.whenWords(checkIn.at, timeZone, nowMs)}
                          givesBack={item.productName}
                          onUndo={() => undo(checkIn, item.customerName, t('review.reasonOverdrawn'))}
                        />
                      ))}
                      <button type="button" className="fix-button fix-button--plain" onClick={() => onOpenPass(item.customerId, item.passId)}>
                        {t('review.openPass')}
                      </button>
                    </span>
                  </>
                ) : item.kind === 'not-sent' ? (
                  <NotSentRow item={item} when={words.whenWords(item.at, timeZone, nowMs)} />
                ) : item.kind === 'staff-audit' ? (
                  <StaffAuditRow item={item} when={words.whenWords(item.at, timeZone, nowMs)} />
                ) : (
                  <>
                    <span className="review__what">
                      <span aria-hidden="true">‼ </span>{words.rich(item.sessionId ? 'review.sameSession' : 'review.walkIn', { name: <strong>{item.customerName}</strong>, checkedIn: checkedInBy(words, item.checkIns), day: words.dateWords(item.venueDay) })}
                    </span>
                    <span className="review__actions">
                      {item.checkIns.map((checkIn) => (
                        <UndoButton
                          key={checkIn.checkInId}
                          checkIn={checkIn}
                          customerName={item.customerName}
                          when={words.timeWords(checkIn.at, timeZone)}
                          givesBack={null}
                          onUndo={() => undo(checkIn, item.customerName, t('review.reasonDouble'))}
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

/** One of this desk's own entries the server cannot take yet: what it is and why, nothing to press. */
function NotSentRow({ item, when }: { item: Extract<ReviewItem, { kind: 'not-sent' }>; when: string }) {
  const words = useWords();
  return (
    <span className="review__what">
      <span aria-hidden="true">! </span>{words.rich('review.notSent', { name: <strong>{item.customerName}</strong>, entry: words.t(`entry.${item.entryKind}`), when, why: notSentWords(words, item.reason) })}
    </span>
  );
}

/** An entry kept and counted, whose author a manager should look at (shared/staff/entryAudit.ts). */
function StaffAuditRow({ item, when }: { item: Extract<ReviewItem, { kind: 'staff-audit' }>; when: string }) {
  const words = useWords();
  return (
    <span className="review__what">
      <span aria-hidden="true">! </span>{words.rich('review.staffAudit', { name: <strong>{item.customerName}</strong>, entry: words.t(`entry.${item.entryKind}`), when, staff: item.staff, desk: item.deskId, problem: item.problem === 'unknown-staff' ? 'unknownStaff' : item.problem === 'inactive-staff' ? 'inactiveStaff' : 'roleShort' })}
    </span>
  );
}
