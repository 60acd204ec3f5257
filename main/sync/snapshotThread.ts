// A first sync's checking off main's loop (docs/architecture.md, "Sync"): the snapshot's ready
// bundles (servedBundles.ts), door's parts and history alike, or the history's record pages
// (historyPages.ts), are parsed, checked and, for pages, cut into bundles in a worker thread
// (node:worker_threads), so that main only forwards: a page's text from the endpoint in, the
// bundles to write (and, for the door's parts, to put into memory) out. Main's loop then holds
// none of a venue's record checks, digests or their garbage while check-ins are made at the door.
import { Worker } from 'node:worker_threads';
import type { SnapshotPart } from '../../shared/schema/sync';
import type { HistoryEnd, HistoryPageResult } from './historyPages';

/** What the endpoint's pages hold: ready bundles (`snapshotBundles`, any part) or the history's entries (`snapshotPage` history). */
export type SnapshotSource = 'pages' | 'bundles';
export type ToSnapshotThread = { type: 'begin'; part: SnapshotPart; source: SnapshotSource } | { type: 'page'; text: string } | { type: 'finish' };
export type FromSnapshotThread = { type: 'page'; result: HistoryPageResult } | { type: 'finish'; end: HistoryEnd } | { type: 'failed'; message: string };

/**
 * From sources (tsx, vitest) this module is a .ts file, and the worker is started through a
 * bootstrap that registers the TypeScript loader; the built desk has the worker bundled beside
 * its main (scripts/build-electron.mjs).
 */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('./snapshotThread.worker.bootstrap.mjs', import.meta.url)
  : new URL('./snapshotThread.worker.js', import.meta.url);

type Waiting = { resolve: (answer: FromSnapshotThread) => void; reject: (error: Error) => void };

export class SnapshotThread {
  private readonly worker: Worker;
  /** Answers come in the order of the requests. */
  private readonly waiting: Waiting[] = [];
  private failure: Error | null = null;

  constructor(venueId: string) {
    this.worker = new Worker(workerUrl, { workerData: { venueId }, name: 'snapshot' });
    // Never what keeps a closing desk's process alive.
    this.worker.unref();
    this.worker.on('message', (answer: FromSnapshotThread) => this.waiting.shift()?.resolve(answer));
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const one of this.waiting.splice(0)) one.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the snapshot's worker stopped (exit code ${code})`)));
  }

  /** The pages that follow are of this part, from this source (unanswered: the pages' answers follow in order). */
  begin(part: SnapshotPart, source: SnapshotSource): void {
    if (part !== 'history' && source === 'pages') throw new Error(`the snapshot's worker takes ${part} as bundles only`);
    this.worker.postMessage({ type: 'begin', part, source } satisfies ToSnapshotThread);
  }

  /** A page's text as it came from the endpoint. */
  async take(text: string): Promise<HistoryPageResult> {
    const answer = await this.ask({ type: 'page', text });
    if (answer.type !== 'page') throw new Error(`the snapshot's worker answered a page with ${answer.type}`);
    return answer.result;
  }

  /** The last bundle and how many were cut: after the part's last page. */
  async finish(): Promise<HistoryEnd> {
    const answer = await this.ask({ type: 'finish' });
    if (answer.type !== 'finish') throw new Error(`the snapshot's worker answered the end with ${answer.type}`);
    return answer.end;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(message: ToSnapshotThread): Promise<FromSnapshotThread> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FromSnapshotThread>((resolve, reject) => {
      this.waiting.push({
        resolve: (answer) => (answer.type === 'failed' ? reject(new Error(`the snapshot's worker failed: ${answer.message}`)) : resolve(answer)),
        reject,
      });
      this.worker.postMessage(message);
    });
  }
}
