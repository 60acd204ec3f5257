// The door: pick the session, find the customer (typed or scanned), one key checks them in
// (SPEC "Check-in at the door"). Built for a queue of 20–80 people in 10 minutes: the search
// box keeps the focus, Enter never waits for a person to look, and what happened is on the
// screen in one glance.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { CheckInPreview, DeskApiResults, DeskClient, PassView, RecentCheckIn, SearchHit } from '../../shared/schema/api';
import type { Customer, Session, Venue } from '../../shared/schema/records';
import { messageFor } from '../../shared/rules/errors';
import { refusalWords } from '../words';
import { CheckInPreviewPanel } from './CheckInPreviewPanel';
import type { DoorOutcome } from './CheckInResultPanel';
import { CheckInResultPanel } from './CheckInResultPanel';
import { CustomerSearchBox } from './CustomerSearchBox';
import { useLatestAnswer } from '../search/useLatestSearch';
import { useLocalSearch } from '../search/useLocalSearch';
import { useDataVersion } from '../shell/deskData';
import type { DoorFix } from './CheckInResultPanel';
import { checkInOutcome } from './checkInOutcome';
import { RecentCheckIns } from './RecentCheckIns';
import type { SessionChoice } from './SessionPicker';
import { SessionPicker, initialSessionChoice, rememberSessionChoice } from './SessionPicker';

const SEARCH_LIMIT = 8;

type Preview = { customerId: string; sessionId: SessionChoice; preview: CheckInPreview | null; problem: string | null; passes: PassView[] };
type DoorAnswer = { hits: SearchHit[]; sessionId: SessionChoice; previewOfFirst: DeskApiResults['previewCheckIn'] | null };

const noHits: SearchHit[] = [];
const noPasses: PassView[] = [];

function previewFrom(customerId: string, sessionId: SessionChoice, previewed: DeskApiResults['previewCheckIn']): Preview {
  return previewed.ok
    ? { customerId, sessionId, preview: previewed.preview, problem: null, passes: previewed.passes }
    : { customerId, sessionId, preview: null, problem: refusalWords(previewed.error, previewed.message), passes: [] };
}
type PendingDuplicate = { customer: Customer; sessionId: SessionChoice };

/**
 * A scanner or a fast typist may press a key while another control has the focus (after a
 * click on Undo, say). Printable keys are sent back to the search box so nothing is lost:
 * moving the focus during keydown makes the browser type the character into the new target.
 */
function useKeysGoToSearch(inputRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
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
    };
    // Coming back to the desk window: the box is where the next scan goes.
    const onWindowFocus = () => {
      if (document.activeElement === document.body || document.activeElement === null) inputRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('focus', onWindowFocus);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('focus', onWindowFocus);
    };
  }, [inputRef]);
}

/**
 * Keys of the door wherever the focus is on it: Ctrl+Z undoes the check-in the result shows
 * (the wrong person, caught at once); F1 (this screen's own key) and Esc bring the focus back
 * to the search box from a button, the session picker or a fix.
 */
function useDoorKeys(
  inputRef: RefObject<HTMLInputElement | null>,
  outcome: DoorOutcome,
  onUndo: (item: Pick<RecentCheckIn, 'checkInId' | 'customerName' | 'charged'>) => void,
): void {
  const latest = useRef({ outcome, onUndo });
  useLayoutEffect(() => {
    latest.current = { outcome, onUndo };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const input = inputRef.current;
      if (!input) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key === 'z' || event.key === 'Z')) {
        const shown = latest.current.outcome;
        if (shown.kind !== 'checked-in') return;
        // Ctrl+Z in the box with text typed is the box's own undo of the typing.
        if (document.activeElement === input && input.value !== '') return;
        event.preventDefault();
        latest.current.onUndo({ checkInId: shown.result.checkInId, customerName: shown.customer.name, charged: shown.result.charged });
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (event.key === 'F1' || (event.key === 'Escape' && document.activeElement !== input)) {
        // The search box's own Esc (clear, or cancel a duplicate) stays the box's.
        input.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [inputRef]);
}

function pickHit(hits: readonly SearchHit[], selected: number): SearchHit | undefined {
  const first = hits[0];
  // A scanned pass code is exact: it wins whatever the arrows did.
  if (first && first.matchedCode !== null) return first;
  return hits[Math.min(Math.max(selected, 0), hits.length - 1)];
}

export const DoorScreen = memo(function DoorScreen({ desk, venue, onFix }: { desk: DeskClient; venue: Venue | null; onFix: (fix: DoorFix) => void }) {
  const inputRef = useRef<HTMLInputElement | null>(null);
  const focusSearch = useCallback(() => inputRef.current?.focus(), []);
  useKeysGoToSearch(inputRef);
  const dataVersion = useDataVersion(desk);
  const timeZone = venue?.timeZone ?? null;
  const venueId = venue?.id ?? null;

  // ---- Session -----------------------------------------------------------------------------
  const [sessions, setSessions] = useState<Session[]>([]);
  const [sessionId, setSessionId] = useState<SessionChoice | undefined>(undefined);
  useEffect(() => {
    if (venueId === null) return;
    let live = true;
    desk.todaySessions({}).then((result) => {
      if (!live || !result.ok) return;
      setSessions(result.sessions);
      setSessionId((current) =>
        current === null || (current !== undefined && result.sessions.some((session) => session.id === current))
          ? current
          : initialSessionChoice(result.sessions, Date.now()));
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, venueId, dataVersion]);
  const session: SessionChoice = sessionId ?? null;
  const walkIn = session === null;

  // ---- Search, and what Enter would do for the first match --------------------------------
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  // The matches come from the renderer's copy of the search, beside the page, so the list is
  // painted with the letter; what Enter would do for the first follows from main a moment
  // later. While the copy cannot answer (loading), one call to main brings both at once.
  const { local: localSearch, revision: searchRevision } = useLocalSearch();
  const askDoor = useCallback(async (text: string): Promise<DoorAnswer | null> => {
    const hits = localSearch?.find(text, SEARCH_LIMIT);
    if (hits) return { hits, sessionId: session, previewOfFirst: null };
    const result = await desk.findAtDoor({ query: text, limit: SEARCH_LIMIT, sessionId: session });
    return result.ok ? { hits: result.hits, sessionId: session, previewOfFirst: result.previewOfFirst } : null;
  }, [desk, session, localSearch]);
  // Latest-only: a scanner's twelve keys in 40 ms ask once or twice, never twelve times.
  const { answer, askNow } = useLatestAnswer(askDoor, trimmed, dataVersion + searchRevision);
  const [selection, setSelection] = useState({ query: '', index: 0 });

  /** The hits, or why the desk did not answer (never taken for "nobody matches"). */
  const searchFor = useCallback(async (text: string): Promise<{ hits: SearchHit[] } | { refused: string }> => {
    const result = await desk.search({ query: text, limit: SEARCH_LIMIT });
    return result.ok ? { hits: result.hits } : { refused: refusalWords(result.error, result.message) };
  }, [desk]);

  // A refused answer (the desk unreachable) is not "no matches": the list waits instead.
  const settled = answer.query === trimmed && answer.value !== null;
  const hits = settled ? answer.value?.hits ?? noHits : noHits;
  // A refresh of the same query (data changed) keeps the selection; a new query starts at the top.
  const selected = selection.query === answer.query ? Math.min(selection.index, Math.max(hits.length - 1, 0)) : 0;
  const selectedHit = settled ? pickHit(hits, selected) : undefined;
  const select = useCallback((index: number) => setSelection({ query: answer.query, index }), [answer.query]);

  // ---- Preview of the selected customer ------------------------------------------------------
  const selectedCustomerId = selectedHit?.customer.id ?? null;
  // The first match's came with the list; another one (chosen with the arrows) is asked for.
  const fromAnswer = useMemo<Preview | null>(() => {
    const value = answer.value;
    const first = value?.hits[0];
    return value && first && value.previewOfFirst ? previewFrom(first.customer.id, value.sessionId, value.previewOfFirst) : null;
  }, [answer.value]);
  const [asked, setAsked] = useState<Preview | null>(null);
  const needsAsking = selectedCustomerId !== null && sessionId !== undefined
    && !(fromAnswer && fromAnswer.customerId === selectedCustomerId && fromAnswer.sessionId === session);
  useEffect(() => {
    if (!needsAsking || selectedCustomerId === null) return;
    let live = true;
    desk.previewCheckIn({ customerId: selectedCustomerId, sessionId: session }).then((previewed) => {
      if (live) setAsked(previewFrom(selectedCustomerId, session, previewed));
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, needsAsking, selectedCustomerId, session, dataVersion]);
  const shownPreview = [fromAnswer, asked].find((candidate) => candidate && candidate.customerId === selectedCustomerId && candidate.sessionId === session) ?? null;

  // ---- Last check-ins on this desk ---------------------------------------------------------
  const [recent, setRecent] = useState<RecentCheckIn[]>([]);
  const refreshRecent = useCallback(() => {
    desk.recentCheckIns({}).then((result) => {
      if (result.ok) setRecent(result.items);
    }).catch(() => undefined);
  }, [desk]);
  useEffect(() => {
    if (venueId !== null) refreshRecent();
  }, [refreshRecent, venueId, dataVersion]);

  // ---- Check-in ------------------------------------------------------------------------------
  const [outcome, setOutcome] = useState<DoorOutcome>({ kind: 'ready' });
  const [outcomeSeq, setOutcomeSeq] = useState(0);
  const show = useCallback((next: DoorOutcome) => {
    setOutcome(next);
    setOutcomeSeq((current) => current + 1);
  }, []);
  const [pending, setPending] = useState<PendingDuplicate | null>(null);
  // Check-ins run one after another in the order Enter was pressed: the next scan may
  // arrive while the previous check-in is still being saved.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = useCallback((work: () => Promise<void>) => {
    queue.current = queue.current.then(work).catch(() => {
      show({ kind: 'failed', message: messageFor('internal') });
    }).finally(() => {
      refreshRecent();
      focusSearch();
    });
  }, [show, refreshRecent, focusSearch]);

  const checkIn = useCallback(async (customer: Customer, sessionChoice: SessionChoice, confirmDuplicate: boolean) => {
    const next = await checkInOutcome(desk, customer, sessionChoice, confirmDuplicate);
    if (next.kind === 'confirm-duplicate') setPending({ customer, sessionId: sessionChoice });
    show(next);
  }, [desk, show]);

  const onEnter = () => {
    if (sessionId === undefined) {
      show({ kind: 'failed', message: 'Today’s sessions are still loading: try again in a moment.' });
      return;
    }
    if (trimmed === '') {
      if (!pending) return;
      const confirmed = pending;
      setPending(null);
      enqueue(() => checkIn(confirmed.customer, confirmed.sessionId, true));
      return;
    }
    // Capture what Enter meant now, and clear the box at once so the next person can be typed
    // or scanned while this check-in is saved.
    const text = trimmed;
    const chosen = settled ? pickHit(hits, selected) : undefined;
    const sessionChoice = session;
    setQuery('');
    setPending(null);
    enqueue(async () => {
      const found = chosen ? null : await searchFor(text);
      if (found && 'refused' in found) {
        show({ kind: 'failed', message: found.refused });
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

  const cancelPending = () => {
    if (!pending) return false;
    show({ kind: 'not-charged-again', customer: pending.customer });
    setPending(null);
    return true;
  };

  const onEscape = () => {
    if (!cancelPending()) setQuery('');
  };

  const onQueryChange = (next: string) => {
    askNow(next.trim());
    // Typing the next person means the duplicate warning was not confirmed.
    if (next.trim() !== '') cancelPending();
    setQuery(next);
  };

  const onSessionChange = useCallback((choice: SessionChoice) => {
    setSessionId(choice);
    rememberSessionChoice(choice);
    setPending(null);
  }, []);

  const onUndo = useCallback((item: Pick<RecentCheckIn, 'checkInId' | 'customerName' | 'charged'>) => {
    enqueue(async () => {
      const result = await desk.undoCheckIn({ checkInId: item.checkInId });
      show(result.ok
        ? { kind: 'undone', customerName: item.customerName, charged: item.charged, remaining: result.remaining }
        : { kind: 'failed', message: refusalWords(result.error, result.message) });
    });
  }, [desk, enqueue, show]);
  useDoorKeys(inputRef, outcome, onUndo);

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

  return (
    <main className="door" aria-label="Door check-in">
      <div className="door__find">
        <SessionPicker sessions={sessions} value={session} timeZone={timeZone} onChange={onSessionChange} onDone={focusSearch} />
        <CustomerSearchBox
          inputRef={inputRef}
          query={query}
          hits={hits}
          answeredQuery={answer.query}
          settled={settled}
          selected={selected}
          onQueryChange={onQueryChange}
          onSelect={(index) => {
            select(index);
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
            walkIn={walkIn}
            onCheckIn={onCheckInClick}
          />
        ) : null}
      </div>
      <div className="door__outcome">
        <CheckInResultPanel outcome={outcome} sequence={outcomeSeq} timeZone={timeZone} onFix={onFix} />
        <RecentCheckIns items={recent} timeZone={timeZone} onUndo={onUndo} />
      </div>
    </main>
  );
});
