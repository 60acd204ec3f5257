// What a tab says over its whole screen when it is not the desk's live window (deskLink.ts):
// another tab took over, the desk program is not running, or this address is not the desk's.
// Before, such a tab went on showing "Online" and answered searches from what it held ("No
// customer or pass code matches", read at the door as "not in the system"). The desk under it
// is inert: nothing can be typed into it while this is shown.
import { useEffect, useRef } from 'react';
import type { DeskLinkState } from '../api/deskLink';

type Shown = Exclude<DeskLinkState, 'connecting' | 'connected'>;

export const deskLinkWords: Record<Shown, { headline: string; what: string; todo: string; reload: boolean }> = {
  'superseded': {
    headline: 'This window is no longer connected to the desk',
    what: 'The desk was opened in another window or tab, and that one is the desk now.',
    todo: 'Close this window and use the desk’s other window. To use the desk here instead, reload this page.',
    reload: true,
  },
  'desk-gone': {
    headline: 'The desk program is not running',
    what: 'This window cannot reach the desk, so it cannot find customers or check anyone in.',
    todo: 'Start the desk program again, then reload this page. (This window also reconnects by itself once the desk is running.)',
    reload: true,
  },
  'wrong-address': {
    headline: 'This is not the desk’s address',
    what: 'This page belongs to another desk, or its address was changed.',
    todo: 'Open the desk from the address it shows when it starts, or from its bookmark.',
    reload: false,
  },
};

export function DeskLinkScreen({ state }: { state: DeskLinkState }) {
  const reloadRef = useRef<HTMLButtonElement | null>(null);
  const shown = state === 'connecting' || state === 'connected' ? null : state;
  useEffect(() => {
    if (shown) reloadRef.current?.focus();
  }, [shown]);
  if (!shown) return null;
  const words = deskLinkWords[shown];
  return (
    <div className="desk-link" role="alertdialog" aria-modal="true" aria-labelledby="desk-link-headline" aria-describedby="desk-link-what" data-testid="desk-link" data-link={shown}>
      <div className="desk-link__panel">
        <p className="desk-link__icon" aria-hidden="true">✕</p>
        <h1 id="desk-link-headline" className="desk-link__headline">{words.headline}</h1>
        <p id="desk-link-what" className="desk-link__what">{words.what}</p>
        <p className="desk-link__todo">{words.todo}</p>
        {words.reload ? (
          <button ref={reloadRef} type="button" className="desk-link__reload" onClick={() => location.reload()}>Reload this page</button>
        ) : null}
      </div>
    </div>
  );
}
