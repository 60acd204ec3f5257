// Who and where this desk is, and whether its storage is there: the line staff look at when
// something feels slow. (The desk's id is in the status bar, with the other machine facts.)
import type { ReactNode } from 'react';
import type { DeskStatus } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { LOCK_KEY, roleWords } from '../staff/staffWords';

export function DeskHeader({ status, children, onLock }: { status: DeskStatus | null; children?: ReactNode; onLock?: () => void }) {
  const signedIn = status?.signedIn ?? null;
  const venue = status?.venue ?? null;
  const words = useWords();
  return (
    <header className="desk-header">
      {/* Cut short on a narrow desk in a long language: the whole name is its title. */}
      <h1 className="desk-header__venue" title={venue ? venue.name ?? venue.id : undefined}>{venue ? venue.name ?? venue.id : words.t('header.boxOffice')}</h1>
      {children}
      {status ? (
        <dl className="desk-header__facts">
          <div>
            <dt>{words.t('header.staff')}</dt>
            {signedIn ? (
              <dd data-testid="signed-in" className="desk-header__signed-in">
                {/* The name gives way first; the role and the lock button are never cut. */}
                <span className="desk-header__who" title={signedIn.name}>{signedIn.name}</span> <span className="desk-header__role">{roleWords(words, signedIn.role)}</span>{' '}
                <button type="button" className="desk-header__lock" onClick={onLock}>{words.t('header.lock')} <kbd>{LOCK_KEY}</kbd></button>
              </dd>
            ) : (
              <dd title={status.staffRequired ? words.t('header.locked') : status.staff || undefined}>{status.staffRequired ? words.t('header.locked') : status.staff || '—'}</dd>
            )}
          </div>
        </dl>
      ) : (
        <p className="desk-header__note">{words.t('header.connecting')}</p>
      )}
      {status?.storage === 'reconnecting' ? (
        <p className="desk-header__warning" role="alert">
          <span aria-hidden="true">⟳ </span>
          {words.storageReconnectingWords()}
        </p>
      ) : null}
    </header>
  );
}
