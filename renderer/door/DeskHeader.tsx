// Who and where this desk is, and whether its storage is there: the line staff look at when
// something feels slow.
import type { DeskStatus } from '../../shared/schema/api';
import { storageReconnectingWords } from '../words';

export function DeskHeader({ status }: { status: DeskStatus | null }) {
  const venue = status?.venue ?? null;
  return (
    <header className="desk-header">
      <h1 className="desk-header__venue">{venue ? venue.name ?? venue.id : 'Box office'}</h1>
      {status ? (
        <dl className="desk-header__facts">
          {venue?.name ? (
            <div>
              <dt>Venue</dt>
              <dd>{venue.id}</dd>
            </div>
          ) : null}
          <div>
            <dt>Staff</dt>
            <dd>{status.staff || '—'}</dd>
          </div>
          <div>
            <dt>Desk</dt>
            <dd>{status.deskId}</dd>
          </div>
        </dl>
      ) : (
        <p className="desk-header__note">Connecting to the desk…</p>
      )}
      {status?.storage === 'reconnecting' ? (
        <p className="desk-header__warning" role="alert">
          <span aria-hidden="true">⟳ </span>
          {storageReconnectingWords}
        </p>
      ) : null}
    </header>
  );
}
