// What a tab says over its whole screen when it is not the desk's live window (deskLink.ts):
// another tab took over, the desk program is not running, or this address is not the desk's.
// Before, such a tab went on showing "Online" and answered searches from what it held ("No
// customer or pass code matches", read at the door as "not in the system"). The desk under it
// is inert: nothing can be typed into it while this is shown.
import { useEffect, useRef } from 'react';
import type { DeskLinkState } from '../api/deskLink';
import { useWords } from '../i18n/useWords';

type Shown = Exclude<DeskLinkState, 'connecting' | 'connected'>;

/** Each state's words are `link.<state>.headline`, `.what` and `.todo` in the catalogs; `reload`: whether reloading helps. */
const reloads: Record<Shown, boolean> = { 'superseded': true, 'desk-gone': true, 'wrong-address': false };

export function DeskLinkScreen({ state }: { state: DeskLinkState }) {
  const reloadRef = useRef<HTMLButtonElement | null>(null);
  const { t } = useWords();
  const shown = state === 'connecting' || state === 'connected' ? null : state;
  useEffect(() => {
    if (shown) reloadRef.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="desk-link" role="alertdialog" aria-modal="true" aria-labelledby="desk-link-headline" aria-describedby="desk-link-what" data-testid="desk-link" data-link={shown}>
      <div className="desk-link__panel">
        <p className="desk-link__icon" aria-hidden="true">✕</p>
        <h1 id="desk-link-headline" className="desk-link__headline">{t(`link.${shown}.headline`)}</h1>
        <p id="desk-link-what" className="desk-link__what">{t(`link.${shown}.what`)}</p>
        <p className="desk-link__todo">{t(`link.${shown}.todo`)}</p>
        {reloads[shown] ? (
          <button ref={reloadRef} type="button" className="desk-link__reload" onClick={() => location.reload()}>{t('link.reload')}</button>
        ) : null}
      </div>
    </div>
  );
}
