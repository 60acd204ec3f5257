// Locking the desk (SPEC "the desk locks on demand and after a few idle minutes"): F9 from
// anywhere ends the sign-in (`signOut`). The idle minutes are timed in main, which locks by
// itself and pushes the status (the sign-in screen follows); the page only tells main that the
// person is still there, on a key or a click, at most every STILL_HERE_MS. A page (re)loaded
// says nothing until someone touches it: a reload neither signs out nor starts the minutes again.
import { useRef } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { useWindowListener } from '../shell/useWindowListener';
import { LOCK_KEY } from './staffWords';

/** Well under a minute, the shortest idle time a venue can set. */
const STILL_HERE_MS = 15_000;

export function useDeskLock(desk: DeskClient, status: DeskStatus | null): void {
  const signedIn = status?.signedIn?.id ?? null;
  const saidMs = useRef(-Infinity);
  const active = () => {
    if (signedIn === null) return;
    const nowMs = performance.now();
    if (nowMs - saidMs.current < STILL_HERE_MS) return;
    saidMs.current = nowMs;
    void desk.stillHere({}).catch(() => undefined);
  };
  // F9 is heard from the moment the signed-in name is on the screen (see useWindowListener): a
  // plain effect attached it after the paint, and F9 pressed in between was lost (staff.spec).
  useWindowListener('keydown', (event) => {
    if (signedIn === null) return;
    if (event.key === LOCK_KEY && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      void desk.signOut({});
      return;
    }
    active();
  }, { capture: true });
  useWindowListener('pointerdown', active, { capture: true });
}
