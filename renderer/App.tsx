// The desk's one window: a header with the screens' tab bar, the screen, and the status bar
// that is always visible. The client is a parameter, so the same UI runs under Electron
// (`window.desk`) and in the browser desk (WebSocket) without knowing which; so is the
// clock, so that "last synced 2 min ago" can be shown for any instant.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DeskClient } from '../shared/schema/api';
import type { Venue } from '../shared/schema/records';
import { DeskHeader } from './door/DeskHeader';
import { DoorScreen } from './door/DoorScreen';
import type { DoorFix } from './door/CheckInResultPanel';
import { AttendanceScreen } from './attendees/AttendanceScreen';
import { CustomersScreen } from './customers/CustomersScreen';
import { SetupScreen } from './setup/SetupScreen';
import { FirstScreen } from './setup/FirstScreen';
import { StatusBar } from './status/StatusBar';
import { doorFreshness } from '../shared/rules/doorFreshness';
import type { DoorFreshness } from '../shared/rules/doorFreshness';
import { StorageAlarm } from './status/StorageAlarm';
import { ScreenTabs, useScreenKeys } from './shell/ScreenTabs';
import type { Route } from './shell/route';
import { useDataVersion, useDeskStatus, useNow } from './shell/deskData';
import { LocalSearchContext, useOwnLocalSearch } from './search/useLocalSearch';
import { alwaysLinked, useDeskLink } from './api/deskLink';
import type { DeskLink } from './api/deskLink';
import { DeskLinkScreen } from './shell/DeskLinkScreen';
import { SignInScreen } from './staff/SignInScreen';
import { useDeskLock } from './staff/useDeskLock';
import { KioskScreen } from './staff/KioskScreen';
import { FirstManagerScreen } from './staff/FirstManagerScreen';
import { DeskLanguageProvider } from './i18n/DeskLanguageProvider';
import { useWords } from './i18n/useWords';

const systemClock = () => Date.now();

function OpeningDesk() {
  const { t } = useWords();
  return <p className="desk__opening" role="status" data-testid="desk-opening">{t('desk.opening')}</p>;
}

export function App({ desk, link = alwaysLinked, now = systemClock }: { desk: DeskClient; link?: DeskLink; now?: () => number }) {
  const linkState = useDeskLink(link);
  // A tab that cannot ask the desk shows nothing it last heard as if it were still so (no
  // "Online"), and searches nothing from its own copy (renderer/shell/DeskLinkScreen.tsx).
  const linked = linkState === 'connected';
  const { status: heardStatus, refresh: refreshStatus } = useDeskStatus(desk);
  const status = linked ? heardStatus : null;
  // Back after a drop (the desk started again): what was heard before may be stale; ask.
  useEffect(() => {
    if (linked) refreshStatus();
  }, [linked, refreshStatus]);
  const dataVersion = useDataVersion(desk);
  const nowMs = useNow(now, 15_000);
  const ownLocalSearch = useOwnLocalSearch(desk);
  const localSearch = linked ? ownLocalSearch : null;
  const [route, setRoute] = useState<Route>({ screen: 'door' });
  const [customerQuery, setCustomerQuery] = useState('');
  const navigate = useCallback((next: Route) => setRoute(next), []);
  useScreenKeys(navigate);
  useDeskLock(desk, status);

  // Every status main pushes is a new object: the venue in it is kept while it is the same
  // venue, so that a status change (online, waiting) does not re-render the door's screen.
  const venueKey = JSON.stringify(status?.venue ?? null);
  const venue = useMemo(() => JSON.parse(venueKey) as Venue | null, [venueKey]);
  const timeZone = venue?.timeZone ?? null;
  // SPEC "The venue's network": a desk that has heard from no endpoint for a while says so next to what it shows about a customer.
  const doorSync = status && status.storage !== 'reconnecting' ? status.sync : null;
  // Kept while it says the same, so that the door re-renders only when its words would change.
  const freshnessKey = JSON.stringify(doorSync ? doorFreshness(doorSync, nowMs) : null);
  const freshness = useMemo(() => JSON.parse(freshnessKey) as DoorFreshness | null, [freshnessKey]);
  const onFix = useCallback((fix: DoorFix) => {
    setRoute(fix.fix === 'open'
      ? { screen: 'customers', page: 'customer', customerId: fix.customerId, passId: null, intent: null }
      : { screen: 'customers', page: 'customer', customerId: fix.customerId, passId: fix.passId, intent: fix.fix });
  }, []);

  const onOpenPass = useCallback((customerId: string, passId: string) => setRoute({ screen: 'customers', page: 'pass', customerId, passId }), []);

  // A new desk (no venue, not paired) first offers the ways in; Setup (F4) stays reachable.
  const isNewDesk = status !== null && status.storage === 'connected' && status.venue === null && status.sync.endpoint === null;
  let screen;
  // Until the desk's first status says which, neither the door nor the first screen: a new
  // desk would flash the door before its ways in (issue 13). Once heard, a dropped link keeps
  // the screen it had under DeskLinkScreen.
  if (heardStatus === null) screen = <OpeningDesk />;
  // A desk with staff and nobody signed in shows only who may sign in (main refuses the rest).
  else if (status !== null && status.staffRequired && status.signedIn === null) screen = <SignInScreen desk={desk} onSignedIn={refreshStatus} />;
  // A desk without an endpoint that holds a venue and has no staff: its first manager first (main refuses the door till then).
  else if (status !== null && status.firstManagerDue && route.screen !== 'setup') screen = <FirstManagerScreen desk={desk} onChosen={refreshStatus} />;
  else if (isNewDesk && route.screen !== 'setup') screen = <FirstScreen desk={desk} status={status} onChanged={refreshStatus} />;
  else switch (route.screen) {
    case 'door':
      screen = <DoorScreen desk={desk} venue={venue} onFix={onFix} freshness={freshness} />;
      break;
    case 'attendance':
      screen = <AttendanceScreen desk={desk} timeZone={timeZone} dataVersion={dataVersion} />;
      break;
    case 'customers':
      screen = (
        <CustomersScreen
          desk={desk}
          route={route}
          navigate={navigate}
          query={customerQuery}
          onQueryChange={setCustomerQuery}
          timeZone={timeZone}
          dataVersion={dataVersion}
          nowMs={nowMs}
        />
      );
      break;
    case 'setup':
      screen = <SetupScreen desk={desk} status={status} nowMs={nowMs} onChanged={refreshStatus} />;
      break;
  }

  // A kiosk is the whole window: no tabs, no status, nothing of any other customer.
  if (linked && status?.kiosk) {
    return (
      <DeskLanguageProvider venueLocale={venue?.locale ?? null} deskOverride={heardStatus?.language ?? null}>
        <KioskScreen desk={desk} sound={status.kioskSound} onLeft={refreshStatus} />
        <DeskLinkScreen state={linkState} />
      </DeskLanguageProvider>
    );
  }

  return (
    <DeskLanguageProvider venueLocale={venue?.locale ?? null} deskOverride={heardStatus?.language ?? null}>
    <LocalSearchContext value={localSearch}>
    <div className="desk" inert={linkState !== 'connected' && linkState !== 'connecting'}>
      <DeskHeader status={status} onLock={() => void desk.signOut({})}>
        <ScreenTabs current={route.screen} navigate={navigate} />
      </DeskHeader>
      <StorageAlarm status={status} />
      <div className="desk__screen">{screen}</div>
      <StatusBar
        desk={desk}
        status={status}
        nowMs={nowMs}
        dataVersion={dataVersion}
        timeZone={timeZone}
        onOpenPass={onOpenPass}
      />
    </div>
    <DeskLinkScreen state={linkState} />
    </LocalSearchContext>
    </DeskLanguageProvider>
  );
}
