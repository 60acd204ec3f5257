// Inside the history's worker thread (historyThread.ts starts it): one HistoryPages (the
// endpoint's record pages) or one ServedBundles (its ready bundles), its pages taken in the
// order they come, each answered with what it gave.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromHistoryThread, ToHistoryThread } from './historyThread';
import type { HistorySource } from './historyThread';
import { HistoryPages } from './historyPages';
import { ServedBundles } from './servedBundles';

const port = parentPort!;
const { venueId, source } = workerData as { venueId: string; source: HistorySource };
const pages = source === 'bundles' ? new ServedBundles(venueId) : new HistoryPages(venueId);

port.on('message', (message: ToHistoryThread) => {
  let answer: FromHistoryThread;
  try {
    answer = message.type === 'page' ? { type: 'page', result: pages.take(message.text) } : { type: 'finish', end: pages.finish() };
  } catch (error) {
    answer = { type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(answer);
});
