// Inside the snapshot's worker thread (snapshotThread.ts starts it): for each part begun, one
// ServedBundles (the endpoint's ready bundles) or one HistoryPages (the history's record pages),
// its pages taken in the order they come, each answered with what it gave.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromSnapshotThread, ToSnapshotThread } from './snapshotThread';
import { HistoryPages } from './historyPages';
import { ServedBundles } from './servedBundles';

const port = parentPort!;
const { venueId } = workerData as { venueId: string };
let pages: HistoryPages | ServedBundles | null = null;

port.on('message', (message: ToSnapshotThread) => {
  if (message.type === 'begin') {
    pages = message.source === 'bundles' ? new ServedBundles(venueId, message.part) : new HistoryPages(venueId);
    return;
  }
  let answer: FromSnapshotThread;
  try {
    if (!pages) throw new Error('a page came before its part was begun');
    answer = message.type === 'page' ? { type: 'page', result: pages.take(message.text) } : { type: 'finish', end: pages.finish() };
  } catch (error) {
    answer = { type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(answer);
});
