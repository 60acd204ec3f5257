// Locking the desk (SPEC "the desk locks on demand and after a few idle minutes"): F9 from
// anywhere ends the sign-in (`signOut`). The idle minutes are timed in main, which locks by
// itself and pushes the status (the sign-in screen follows); the page only tells main that the
// person is still there, on a key or a click, at most every STILL_HERE_MS. A page (re)loaded
// says nothing until someone touches it: a reload neither signs out nor starts the minutes again.
import { useEffect } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { LOCK_KEY } from './staffWords';

/** Well under a minute, the shortest idle time a venue can set. */
const STILL_HERE_MS = 15_000;

export function useDeskLock(desk: DeskClient, status: DeskStatus | null): void {
  const signedIn = status?.signedIn?.id ?? null;
  useEffect(() => {
    if (signedIn === null) return;
    let saidMs = -Infinity;
    const active = () => {
      const nowMs = performance.now();
      if (nowMs - saidMs < STILL_HERE_MS) return;
      saidMs = nowMs;
      void desk.stillHere({}).catch(() => undefined);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === LOCK_KEY && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        void desk.signOut({});
        return;
      }
      active();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', active, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', active, true);
    };
  }, [desk, signedIn]);
}
