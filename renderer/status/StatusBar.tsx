// Always on screen (SPEC: "The desk always shows whether it is online, how many local
// changes are waiting to sync, and when it last synced"): a strip at the foot of every
// screen, plus the first sync's progress and what needs a person after a merge. One line at any
// width, no word cut short: what gives way when it is short of room, and in which order, is
// ./fitStatusBar.ts.
import { memo, useEffect, useRef, useState } from 'react';
import type { DeskClient, DeskStatus, ReviewItem } from '../../shared/schema/api';
import { connectionOf, connectionWords, desksHeardWords, initialSyncProgress, lastSyncedWords, routeWords, syncProblemSentence, waitingWords } from './syncWords';
import { ReviewList } from './ReviewList';
import { StorageStatusItem } from './StorageAlarm';
import { setAsideWords, wrongClockWords } from './clockWords';
import { useDataVersion } from '../shell/deskData';
import { useWords } from '../i18n/useWords';
import { useWindowListener } from '../shell/useWindowListener';
import { useFitStatusBar } from './fitStatusBar';

const connectionIcons = { online: '●', offline: '○', unpaired: '◌' } as const;

type Props = {
  desk: DeskClient;
  status: DeskStatus | null;
  nowMs: number;
  dataVersion: number;
  timeZone: string | null;
  onOpenPass: (customerId: string, passId: string) => void;
};

/**
 * What needs a person arises from ledger entries (a double check-in needs another desk's; an
 * override can overdraw a pass), and the query walks every pass: it is asked again when main
 * says an entry arrived, at most every REVIEW_EVERY_MS (a first sync brings thousands a
 * second), after an import, while the list is open (its own Undo), and when someone signs in:
 * a locked desk's query is refused, and the list stayed empty after the sign-in until an entry
 * arrived (firstManagerHandsOver.spec).
 */
const REVIEW_EVERY_MS = 2_000;

function useReviewItems(desk: DeskClient, venueId: string | null, passCount: number, openVersion: number, signedIn: string | null): ReviewItem[] {
  const mergedVersion = useDataVersion(desk, { collection: 'review', throttleMs: REVIEW_EVERY_MS });
  const [items, setItems] = useState<ReviewItem[]>([]);
  useEffect(() => {
    if (venueId === null) return;
    let live = true;
    desk.syncReview({}).then((result) => {
      if (live && result.ok) setItems(result.items);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, venueId, passCount, openVersion, mergedVersion, signedIn]);
  return items;
}

export const StatusBar = memo(function StatusBar({ desk, status, nowMs, dataVersion, timeZone, onOpenPass }: Props) {
  const [open, setOpen] = useState(false);
  const words = useWords();
  const { t } = words;
  const review = useReviewItems(desk, status?.venue?.id ?? null, status?.counts.passes ?? 0, open ? dataVersion + 1 : 0, status?.signedIn?.id ?? null);
  // While the desk (re)opens its storage it knows nothing about sync yet: say so, rather than "not paired".
  const sync = status && status.storage !== 'reconnecting' ? status.sync : null;
  const problem = sync ? syncProblemSentence(words, sync) : null;
  const connection = sync ? connectionOf(sync) : null;
  const progress = sync?.initial ? initialSyncProgress(words, sync.initial) : null;
  const desksHeard = sync ? desksHeardWords(words, sync) : null;
  const route = sync ? routeWords(words, sync) : null;
  const reviewCount = review.length;
  const waiting = sync ? waitingWords(words, sync.waiting) : null;
  const when = sync ? lastSyncedWords(words, sync.lastSyncedAt, nowMs) : '';
  const lastSynced = { words: t('sync.lastSynced', { when }), short: t('sync.lastSyncedShort', { when }) };
  const strip = useRef<HTMLDivElement>(null);
  useFitStatusBar(strip);
  return (
    <footer className="status-bar" aria-label={t('sync.label')} data-testid="status-bar">
      {open ? (
        <ReviewList desk={desk} items={review} timeZone={timeZone} nowMs={nowMs} onOpenPass={onOpenPass} onClose={() => setOpen(false)} />
      ) : null}
      <div className="status-bar__strip" ref={strip} data-fit="strip">
        {sync && connection ? (
          <>
            <span className={`status-bar__item status-bar__connection status-bar__connection--${connection}`} data-testid="sync-connection">
              <span aria-hidden="true">{connectionIcons[connection]} </span>
              {connectionWords(words, connection)}
            </span>
            {/* Which endpoint of the list is in use: the venue hub, or the internet server when the hub does not answer. */}
            {/* Its address is not here: Setup lists the endpoints. */}
            {route === null ? null : (
              <span className="status-bar__item status-bar__route" data-testid="sync-route" data-fit="route">
                {route}
              </span>
            )}
            {waiting ? (
              <span className="status-bar__item" data-testid="sync-waiting" title={waiting.words}>
                <LongOrShort item="waiting" long={waiting.words} short={waiting.short} />
              </span>
            ) : null}
            <span className="status-bar__item" data-testid="sync-last" title={lastSynced.words}>
              <LongOrShort item="last" long={lastSynced.words} short={lastSynced.short} />
            </span>
            {desksHeard === null ? null : (
              <span className="status-bar__item" data-testid="sync-desks" data-fit="desks" title={desksHeard.words}>
                <LongOrShort item="desks-words" long={desksHeard.words} short={desksHeard.short} />
              </span>
            )}
            {progress ? (
              <span className="status-bar__item status-bar__progress" data-testid="sync-progress" data-fit="progress-bar" title={progress.words}>
                <label htmlFor="initial-sync" data-fit="progress-words">
                  <LongOrShort item="progress" long={progress.words} short={progress.short} />
                </label>
                <progress id="initial-sync" max={1} aria-label={progress.words} {...(progress.fraction === null ? {} : { value: progress.fraction })} />
              </span>
            ) : null}
            {problem ? (
              <>
                <span className="status-bar__item status-bar__problem" data-testid="sync-problem" data-problem={sync.problemCode ?? undefined} data-fit="problem" title={problem}>
                  <span aria-hidden="true">! </span>{problem}
                </span>
                {/* Stays when the sentence gives way: Details has it whole, and the technical part. */}
                <ProblemDetails words={problem} details={sync.problemDetails} />
              </>
            ) : null}
          </>
        ) : (
          <span className="status-bar__item">{t('header.connecting')}</span>
        )}
        <StorageStatusItem status={status} />
        <DeskClockItem status={status} />
        <SetAsideItem status={status} />
        <span className="status-bar__spacer" />
        {status ? <span className="status-bar__item status-bar__desk" data-testid="status-desk" data-fit="desk">{t('sync.desk', { id: status.deskId })}</span> : null}
        {reviewCount > 0 ? (
          <button
            type="button"
            className="status-bar__review"
            aria-expanded={open}
            data-testid="review-toggle"
            title={t('sync.needReview', { count: reviewCount })}
            onClick={() => setOpen((current) => !current)}
          >
            <span aria-hidden="true">! </span>
            <LongOrShort item="review" long={t('sync.needReview', { count: reviewCount })} short={reviewCount.toLocaleString(words.locale)} /> <kbd>F8</kbd>
          </button>
        ) : (
          <span className="status-bar__item status-bar__calm" data-fit="calm">{t('sync.nothingToReview')}</span>
        )}
      </div>
      <ReviewKey onToggle={() => setOpen((current) => !current)} enabled={reviewCount > 0 || open} />
    </footer>
  );
});

/**
 * An item's words, and fewer of them for a bar short of room (./fitStatusBar.ts picks). The short
 * words are drawn from their attribute, so that the item's text is its whole words whatever the
 * width (what tests and the review list read), and its title says them whole.
 */
function LongOrShort({ item, long, short }: { item: string; long: string; short: string }) {
  return (
    <span data-fit={item} data-short={short}>
      <span className="fit__long">{long}</span>
    </span>
  );
}

/** The problem's Details: over the bar, so that the bar itself stays one line. */
function ProblemDetails({ words, details }: { words: string; details: string | null }) {
  const { t } = useWords();
  return (
    <details className="status-bar__item tech-details status-bar__details" data-testid="technical-details">
      <summary>{t('sync.details')}</summary>
      <div className="status-bar__details-panel">
        <p className="status-bar__details-words">{words}</p>
        {details ? <p className="tech-details__text">{details}</p> : null}
      </div>
    </details>
  );
}

/** F8 opens and closes the review list from any screen. */
function ReviewKey({ onToggle, enabled }: { onToggle: () => void; enabled: boolean }) {
  useWindowListener('keydown', (event) => {
    if (!enabled) return;
    if (event.key !== 'F8' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    onToggle();
  });
  return null;
}

/** Until this computer's clock is set right: on every screen, in words (SPEC "Clocks"). */
function DeskClockItem({ status }: { status: DeskStatus | null }) {
  const said = useWords();
  const words = status ? wrongClockWords(said, status.clock) : null;
  if (!words) return null;
  return (
    <span className="status-bar__item status-bar__clock" role="status" data-testid="clock-status" title={words.words}>
      <span aria-hidden="true">! </span><LongOrShort item="clock" long={words.words} short={words.short} />
    </span>
  );
}

/** Records read but not usable: kept, and said, never a crash (docs/architecture.md). */
function SetAsideItem({ status }: { status: DeskStatus | null }) {
  const said = useWords();
  const words = status ? setAsideWords(said, status.setAside) : null;
  if (!words) return null;
  return (
    <span className="status-bar__item status-bar__set-aside" data-testid="set-aside-status">
      <span aria-hidden="true">! </span>{words}
    </span>
  );
}
