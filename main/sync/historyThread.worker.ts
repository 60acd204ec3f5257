// Inside the history's worker thread (historyThread.ts starts it): one HistoryPages, its pages
// taken in the order they come, each answered with what it gave.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromHistoryThread, ToHistoryThread } from './historyThread';
import { HistoryPages } from './historyPages';

const port = parentPort!;
const pages = new HistoryPages((workerData as { venueId: string }).venueId);

port.on('message', (message: ToHistoryThread) => {
  let answer: FromHistoryThread;
  try {
    answer = message.type === 'page' ? { type: 'page', result: pages.take(message.text) } : { type: 'finish', end: pages.finish() };
  } catch (error) {
    answer = { type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(answer);
});
