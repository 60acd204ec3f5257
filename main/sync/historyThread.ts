// The snapshot's history is parsed, checked and cut into bundles (or, served as bundles, checked
// bundle by bundle: servedBundles.ts) in a worker thread
// (node:worker_threads), so that main only forwards: a page's text from the endpoint in, the
// bundles to write out (docs/architecture.md, "Sync"). Main's loop then holds none of a
// million records' parsing, checking or garbage while check-ins are made at the door.
import { Worker } from 'node:worker_threads';
import type { HistoryEnd, HistoryPageResult } from './historyPages';

/** What the endpoint's pages hold: ledger entries (`snapshotPage` history) or ready bundles (`snapshotHistoryBundles`). */
export type HistorySource = 'pages' | 'bundles';
export type ToHistoryThread = { type: 'page'; text: string } | { type: 'finish' };
export type FromHistoryThread = { type: 'page'; result: HistoryPageResult } | { type: 'finish'; end: HistoryEnd } | { type: 'failed'; message: string };

/**
 * From sources (tsx, vitest) this module is a .ts file, and the worker is started through a
 * bootstrap that registers the TypeScript loader; the built desk has the worker bundled beside
 * its main (scripts/build-electron.mjs).
 */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('./historyThread.worker.bootstrap.mjs', import.meta.url)
  : new URL('./historyThread.worker.js', import.meta.url);

type Waiting = { resolve: (answer: FromHistoryThread) => void; reject: (error: Error) => void };

export class HistoryThread {
  private readonly worker: Worker;
  /** Answers come in the order of the requests. */
  private readonly waiting: Waiting[] = [];
  private failure: Error | null = null;

  constructor(venueId: string, source: HistorySource = 'pages') {
    this.worker = new Worker(workerUrl, { workerData: { venueId, source }, name: 'snapshot-history' });
    // Never what keeps a closing desk's process alive.
    this.worker.unref();
    this.worker.on('message', (answer: FromHistoryThread) => this.waiting.shift()?.resolve(answer));
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const one of this.waiting.splice(0)) one.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the snapshot history's worker stopped (exit code ${code})`)));
  }

  /** A page's text as it came from the endpoint. */
  async take(text: string): Promise<HistoryPageResult> {
    const answer = await this.ask({ type: 'page', text });
    if (answer.type !== 'page') throw new Error(`the snapshot history's worker answered a page with ${answer.type}`);
    return answer.result;
  }

  /** The last bundle and how many were cut: after the last page. */
  async finish(): Promise<HistoryEnd> {
    const answer = await this.ask({ type: 'finish' });
    if (answer.type !== 'finish') throw new Error(`the snapshot history's worker answered the end with ${answer.type}`);
    return answer.end;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(message: ToHistoryThread): Promise<FromHistoryThread> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FromHistoryThread>((resolve, reject) => {
      this.waiting.push({
        resolve: (answer) => (answer.type === 'failed' ? reject(new Error(`the snapshot history's worker failed: ${answer.message}`)) : resolve(answer)),
        reject,
      });
      this.worker.postMessage(message);
    });
  }
}
