// Locking the desk (SPEC "the desk locks on demand and after a few idle minutes"): F9 from
// anywhere, or `lockAfterMinutes` without a key, a click or a touch. Main ends the sign-in
// (`signOut`); the sign-in screen follows from the status it pushes.
import { useEffect } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { LOCK_KEY } from './staffWords';

export function useDeskLock(desk: DeskClient, status: DeskStatus | null): void {
  const signedIn = status?.signedIn?.id ?? null;
  const minutes = status?.lockAfterMinutes ?? 10;
  useEffect(() => {
    if (signedIn === null) return;
    const lock = () => void desk.signOut({});
    let timer = window.setTimeout(lock, minutes * 60_000);
    const active = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === LOCK_KEY && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        lock();
        return;
      }
      active();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', active, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', active, true);
    };
  }, [desk, signedIn, minutes]);
}
