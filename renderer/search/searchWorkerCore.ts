// What the search worker does with each message, apart from the worker itself, so that tests
// run it in the same realm.
import { CorpusIndex } from './corpusIndex';
import type { FromSearchWorker, SearchWorkerPort, ToSearchWorker } from './searchWorkerProtocol';

export type SearchWorkerState = { index: CorpusIndex };

export function newSearchWorkerState(): SearchWorkerState {
  return { index: new CorpusIndex() };
}

export function handleSearchWorkerMessage(state: SearchWorkerState, message: ToSearchWorker, post: (answer: FromSearchWorker) => void): void {
  try {
    switch (message.kind) {
      case 'reset':
        state.index = new CorpusIndex();
        return;
      case 'apply':
        state.index.apply(message.customers, { sortNow: false });
        return;
      case 'prepare':
        for (const part of state.index.prepared(message.partSize)) post({ kind: 'part', seq: message.seq, part });
        state.index = new CorpusIndex();
        return;
    }
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The worker's work in this realm, each message handled and answered in later tasks as a worker would. */
export function inRealmSearchPort(): SearchWorkerPort {
  const state = newSearchWorkerState();
  const listeners: ((message: FromSearchWorker) => void)[] = [];
  let closed = false;
  const deliver = (answer: FromSearchWorker) => setTimeout(() => {
    if (!closed) for (const listener of listeners) listener(answer);
  }, 0);
  return {
    post(message) {
      // Structured clone, as postMessage would: nothing is shared between the two sides.
      const copy = structuredClone(message);
      setTimeout(() => {
        if (!closed) handleSearchWorkerMessage(state, copy, (answer) => deliver(structuredClone(answer)));
      }, 0);
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    close() {
      closed = true;
    },
  };
}
