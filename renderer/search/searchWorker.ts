// The search worker: folds and sorts a whole load of the renderer's copy of the customer
// search (renderer/search/localSearch.ts) away from the page, so that typing never waits
// behind it; the page then takes the prepared index in a part at a time.
/// <reference lib="webworker" />
import { handleSearchWorkerMessage, newSearchWorkerState } from './searchWorkerCore';
import type { ToSearchWorker } from './searchWorkerProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const state = newSearchWorkerState();
scope.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  handleSearchWorkerMessage(state, event.data, (answer) => scope.postMessage(answer));
};
