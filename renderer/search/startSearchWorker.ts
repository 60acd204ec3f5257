// The search worker as the page starts it (the one part of the copy of the search that needs
// the DOM's Worker; the rest runs in tests without it).
import type { FromSearchWorker, SearchWorkerPort } from './searchWorkerProtocol';

/** The worker Vite bundles beside the page; null where none can be started (main answers then). */
export function startSearchWorker(): SearchWorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: 'customer-search' });
    const listeners: ((message: FromSearchWorker) => void)[] = [];
    worker.onmessage = (event: MessageEvent<FromSearchWorker>) => {
      for (const listener of listeners) listener(event.data);
    };
    worker.onerror = (event) => {
      for (const listener of listeners) listener({ kind: 'failed', message: event.message || 'the worker stopped' });
    };
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => listeners.push(listener),
      close: () => worker.terminate(),
    };
  } catch (error) {
    console.error('customer search worker could not start', error);
    return null;
  }
}
