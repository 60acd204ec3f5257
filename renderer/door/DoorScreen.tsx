// The door: pick the session, find the customer (typed or scanned), one key checks them in
// (SPEC "Check-in at the door"). Built for a queue of 20–80 people in 10 minutes: the search
// box keeps the focus, Enter never waits for a person to look, and what happened is on the
// screen in one glance. The screen is the view; its state is in the hooks beside it:
// useTodaySessions, useDoorSearch, useCheckIn, useRecentCheckIns and useDoorKeys.
import { StepUpForm } from '../staff/StepUpForm';
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import type { DeskClient, PassView } from '../../shared/schema/api';
import type { Venue } from '../../shared/schema/records';
import { CheckInPreviewPanel } from './CheckInPreviewPanel';
import { CheckInResultPanel } from './CheckInResultPanel';
import type { DoorFix } from './CheckInResultPanel';
import { CustomerSearchBox } from './CustomerSearchBox';
import { useDataVersion } from '../shell/deskData';
import { RecentCheckIns } from './RecentCheckIns';
import type { SessionChoice } from './SessionPicker';
import { SessionPicker } from './SessionPicker';
import { useCheckIn } from './useCheckIn';
import { useDoorKeys, useKeysGoToSearch } from './useDoorKeys';
import { noHits, pickHit, useDoorSearch } from './useDoorSearch';
import { useRecentCheckIns } from './useRecentCheckIns';
import { useTodaySessions } from './useTodaySessions';
import { useWords } from '../i18n/useWords';
import type { DoorFreshness } from '../../shared/rules/doorFreshness';
import { doorFreshnessWords } from '../status/syncWords';

const noPasses: PassView[] = [];

/** `freshness`: how current this desk is (shared/rules/doorFreshness.ts), said when it has reached no endpoint for a while. */
export const DoorScreen = memo(function DoorScreen({ desk, venue, onFix, freshness: current = null }: { desk: DeskClient; venue: Venue | null; onFix: (fix: DoorFix) => void; freshness?: DoorFreshness | null }) {
  const inputRef = useRef<HTMLInputElement | null>(null);
  const words = useWords();
  const freshness = current ? doorFreshnessWords(words, current, venue?.timeZone ?? null) : null;
  const focusSearch = useCallback(() => inputRef.current?.focus(), []);
  useKeysGoToSearch(inputRef);
  const dataVersion = useDataVersion(desk);
  const timeZone = venue?.timeZone ?? null;
  const venueId = venue?.id ?? null;

  const { sessions, sessionId, pick: pickSession } = useTodaySessions(desk, venueId, dataVersion);
  const session: SessionChoice = sessionId ?? null;
  const search = useDoorSearch(desk, sessionId, dataVersion);
  const { recent, refreshRecent } = useRecentCheckIns(desk, venueId, dataVersion);
  const afterEach = useCallback(() => {
    refreshRecent();
    focusSearch();
  }, [refreshRecent, focusSearch]);
  const { outcome, outcomeSeq, show, pending, setPending, cancelPending, enqueue, checkIn, undo, undoStepUp } = useCheckIn(desk, afterEach);
  useDoorKeys(inputRef, outcome, undo);

  const onEnter = () => {
    if (sessionId === undefined) {
      show({ kind: 'failed', said: 'door.sessionsLoading' });
      return;
    }
    if (search.trimmed === '') {
      if (!pending) return;
      const confirmed = pending;
      setPending(null);
      enqueue(() => checkIn(confirmed.customer, confirmed.sessionId, true));
      return;
    }
    // Capture what Enter meant now, and clear the box at once so the next person can be typed
    // or scanned while this check-in is saved.
    const text = search.trimmed;
    const chosen = search.settled ? pickHit(search.hits, search.selected) : undefined;
    const sessionChoice = session;
    search.setQuery('');
    setPending(null);
    enqueue(async () => {
      const found = chosen ? null : await search.searchFor(text);
      if (found && 'refused' in found) {
        show({ kind: 'failed', said: found.refused });
        return;
      }
      const target = chosen ?? pickHit(found?.hits ?? noHits, 0);
      if (!target) {
        show({ kind: 'not-found', query: text });
        return;
      }
      await checkIn(target.customer, sessionChoice, false);
    });
  };

  const onEscape = () => {
    if (!cancelPending()) search.setQuery('');
  };

  const onQueryChange = (next: string) => {
    search.askNow(next.trim());
    // Typing the next person means the duplicate warning was not confirmed.
    if (next.trim() !== '') cancelPending();
    search.setQuery(next);
  };

  const onSessionChange = useCallback((choice: SessionChoice) => {
    pickSession(choice);
    setPending(null);
  }, [pickSession, setPending]);

  // The panels beside the box are memoised and keep their props from one keystroke to the
  // next; the button's handler reads the newest Enter through a ref instead of changing.
  const latestEnter = useRef(onEnter);
  useLayoutEffect(() => {
    latestEnter.current = onEnter;
  });
  const onCheckInClick = useCallback(() => {
    focusSearch();
    latestEnter.current();
  }, [focusSearch]);

  const { selectedHit, shownPreview } = search;
  return (
    <main className="door" aria-label={words.t('door.label')}>
      <div className="door__find">
        <SessionPicker sessions={sessions} value={session} timeZone={timeZone} onChange={onSessionChange} onDone={focusSearch} />
        <CustomerSearchBox
          inputRef={inputRef}
          query={search.query}
          hits={search.hits}
          answeredQuery={search.answeredQuery}
          settled={search.settled}
          selected={search.selected}
          onQueryChange={onQueryChange}
          onSelect={(index) => {
            search.select(index);
            focusSearch();
          }}
          onEnter={onEnter}
          onEscape={onEscape}
        />
        {selectedHit ? (
          <CheckInPreviewPanel
            customer={selectedHit.customer}
            preview={shownPreview?.preview ?? null}
            problem={shownPreview?.problem ?? null}
            passes={shownPreview?.passes ?? noPasses}
            timeZone={timeZone}
            walkIn={session === null}
            onCheckIn={onCheckInClick}
            freshness={freshness}
          />
        ) : null}
      </div>
      <div className="door__outcome">
        <CheckInResultPanel outcome={outcome} sequence={outcomeSeq} timeZone={timeZone} onFix={onFix} freshness={freshness} />
        {/* Another's check-in: the refusal is in the result above, the manager's PIN right under it; authorised, the undo is done again. */}
        {undoStepUp ? (
          <div className="door__undo-step-up" data-testid="undo-step-up">
            <StepUpForm key={undoStepUp.item.checkInId} desk={desk} needs={undoStepUp.needs} onAuthorised={() => undo(undoStepUp.item)} />
          </div>
        ) : null}
        <RecentCheckIns items={recent} timeZone={timeZone} onUndo={undo} />
      </div>
    </main>
  );
});
