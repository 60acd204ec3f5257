// The renderer's copy of the customer search (localSearch.ts), one per desk window, and how a
// screen reads it: the copy (null where it cannot run) and a number that changes whenever its
// answers may have, so that a screen's list is asked again.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import { LocalCustomerSearch } from './localSearch';
import { startSearchWorker } from './startSearchWorker';

export const LocalSearchContext = createContext<LocalCustomerSearch | null>(null);

/** Starts the copy for `desk` (the App owns it) and stops it when the desk goes. */
export function useOwnLocalSearch(desk: DeskClient): LocalCustomerSearch | null {
  const [local, setLocal] = useState<LocalCustomerSearch | null>(null);
  useEffect(() => {
    const port = startSearchWorker();
    if (!port) return;
    const started = new LocalCustomerSearch(desk, port);
    setLocal(started);
    return () => {
      started.close();
      setLocal(null);
    };
  }, [desk]);
  return local;
}

const never = () => () => undefined;

export function useLocalSearch(): { local: LocalCustomerSearch | null; revision: number } {
  const local = useContext(LocalSearchContext);
  const revision = useSyncExternalStore(local ? (listener) => local.subscribe(listener) : never, () => local?.revision ?? 0);
  return { local, revision };
}
