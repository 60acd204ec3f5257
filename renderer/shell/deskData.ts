// The two things every screen listens to: the desk's status (pushed by main) and a version
// number that bumps whenever main says data changed (a local command or a merge from another
// desk), so that a screen re-queries what it shows.
import { startTransition, useCallback, useEffect, useState } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';

/**
 * The status main pushes, and a way to ask for it again after a change main does not push a
 * status for (the staff name, a venue imported).
 */
export function useDeskStatus(desk: DeskClient): { status: DeskStatus | null; refresh: () => void } {
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const refresh = useCallback(() => {
    desk.deskStatus({}).then((result) => {
      if (result.ok) setStatus(result.status);
    }).catch(() => undefined);
  }, [desk]);
  useEffect(() => {
    let live = true;
    // While storage reconnects main knows no venue; the desk is still that venue's desk.
    // A transition: a first sync pushes statuses many times a second, and a key pressed
    // meanwhile is rendered first (React drops back to it from an unfinished transition).
    const off = desk.on('status', (next) => startTransition(() => setStatus((current) =>
      next.venue === null && next.storage === 'reconnecting' && current?.venue ? { ...next, venue: current.venue } : next)));
    desk.deskStatus({}).then((result) => {
      if (live && result.ok) setStatus((current) => current ?? result.status);
    }).catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [desk]);
  return { status, refresh };
}

/**
 * A merge or a big import sends `changed` many times a second; every screen re-queries on a
 * bump, so bumps are at most one per THROTTLE_MS: the first at once (a local check-in shows
 * at once), the rest folded into one at the end of the window. Typing never waits behind a
 * storm of re-queries.
 */
const THROTTLE_MS = 250;

/** `only`: bump just for changes of that collection, at most once per `throttleMs`. */
export function useDataVersion(desk: DeskClient, only?: { collection: string; throttleMs: number }): number {
  const [version, setVersion] = useState(0);
  const collection = only?.collection ?? null;
  const throttleMs = only?.throttleMs ?? THROTTLE_MS;
  useEffect(() => {
    let lastBumpMs = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      timer = null;
      lastBumpMs = performance.now();
      // What the re-queries bring is rendered as a transition too: typing goes first.
      startTransition(() => setVersion((current) => current + 1));
    };
    const off = desk.on('changed', ({ collections }) => {
      if (collection !== null && !collections.includes(collection)) return;
      if (timer !== null) return;
      const wait = lastBumpMs + throttleMs - performance.now();
      if (wait <= 0) bump();
      else timer = setTimeout(bump, wait);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [desk, collection, throttleMs]);
  return version;
}

/**
 * The injected clock, read again every `everyMs`: the status bar's "2 min ago" moves on by
 * itself, and a test can hand the app any clock it likes.
 */
export function useNow(now: () => number, everyMs: number): number {
  const [nowMs, setNowMs] = useState(now);
  useEffect(() => {
    setNowMs(now());
    const timer = setInterval(() => setNowMs(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return nowMs;
}
