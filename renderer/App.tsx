// The desk's one window: a small header (venue, staff, desk, storage) over the door screen.
// The client is a parameter, so the same UI runs under Electron (`window.desk`) and in the
// browser desk (WebSocket) without knowing which.
import { useEffect, useState } from 'react';
import type { DeskClient, DeskStatus } from '../shared/schema/api';
import { DeskHeader } from './door/DeskHeader';
import { DoorScreen } from './door/DoorScreen';

function useDeskStatus(desk: DeskClient): DeskStatus | null {
  const [status, setStatus] = useState<DeskStatus | null>(null);
  useEffect(() => {
    let live = true;
    // While storage reconnects main knows no venue; the desk is still that venue's desk.
    const off = desk.on('status', (next) => setStatus((current) =>
      next.venue === null && next.storage === 'reconnecting' && current?.venue ? { ...next, venue: current.venue } : next));
    desk.deskStatus({}).then((result) => {
      if (live && result.ok) setStatus((current) => current ?? result.status);
    }).catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [desk]);
  return status;
}

export function App({ desk }: { desk: DeskClient }) {
  const status = useDeskStatus(desk);
  return (
    <div className="desk">
      <DeskHeader status={status} />
      <DoorScreen desk={desk} venue={status?.venue ?? null} />
    </div>
  );
}
