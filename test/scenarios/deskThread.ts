// One simulated desk in its own worker thread, seen from the driver: messages in order, one
// answer each. RxDB's open-core build allows 13 open collections per JavaScript realm, so
// each desk (six collections) lives in a realm of its own.
import { Worker } from 'node:worker_threads';
import type { DeskApiName } from '../../shared/schema/api';
import type { VenueData } from '../../shared/schema/records';
import { instantMs } from '../../shared/rules/venueTime';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { DeskSnapshot, FromDeskWorker, SyncAnswer, ToDeskWorker } from './deskWorker';
import type { NetworkFaults } from '../sync/faultyNetwork';

const scenarioWorker = new URL('./deskWorker.bootstrap.mjs', import.meta.url);

export class DeskThread {
  private readonly worker: Worker;
  private queue: Promise<unknown> = Promise.resolve();
  private lastAt = -Infinity;
  private pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(readonly name: string, workerUrl: URL = scenarioWorker) {
    this.worker = new Worker(workerUrl);
    this.worker.on('message', (answer: FromDeskWorker) => {
      const pending = this.pending;
      this.pending = null;
      if (answer.type === 'answer') pending?.resolve(answer.value);
      else pending?.reject(new Error(answer.message));
    });
    // A worker that dies fails the step in hand and every later one, never silently.
    const fail = (error: Error) => {
      this.failure ??= error;
      this.pending?.reject(error);
      this.pending = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`desk ${this.name}'s worker stopped (exit code ${code})`)));
  }

  send(message: ToDeskWorker): Promise<unknown> {
    const run = () => new Promise<unknown>((resolvePromise, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending = { resolve: resolvePromise, reject };
      this.worker.postMessage(message);
    });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  open(data: VenueData, databaseName = `desk-${this.name}`): Promise<unknown> {
    this.lastAt = -Infinity;
    return this.send({ type: 'open', deskId: this.name, databaseName, data });
  }

  /** FORMAT.md: "on one desk it never goes backwards from step to step". */
  call(at: string | number, name: DeskApiName, payload: unknown): Promise<unknown> {
    const nowMs = typeof at === 'number' ? at : instantMs(at);
    if (nowMs < this.lastAt) throw new Error(`desk ${this.name}'s clock goes backwards at ${at}`);
    this.lastAt = nowMs;
    return this.send({ type: 'call', nowMs, name, payload });
  }

  /** One explicit sync round against the endpoint (main/sync/syncRound.ts), over a faulty network if given. */
  sync(endpoint: EndpointSettings, faults?: NetworkFaults): Promise<SyncAnswer> {
    return this.send({ type: 'sync', endpoint, ...(faults ? { faults } : {}) }) as Promise<SyncAnswer>;
  }

  /** One round over the desk's ordered endpoints through its own failover (see `routeSync` in deskWorker.ts). */
  routeSync(message: Omit<Extract<ToDeskWorker, { type: 'routeSync' }>, 'type'>): Promise<SyncAnswer> {
    return this.send({ type: 'routeSync', ...message }) as Promise<SyncAnswer>;
  }

  snapshot(nowMs: number, passIds: string[]): Promise<DeskSnapshot> {
    if (nowMs < this.lastAt) throw new Error(`desk ${this.name}'s clock goes backwards at a snapshot`);
    this.lastAt = nowMs;
    return this.send({ type: 'snapshot', nowMs, passIds }) as Promise<DeskSnapshot>;
  }

  /** Closes the desk's database; the worker stays for another desk. */
  closeDesk(): Promise<unknown> {
    return this.send({ type: 'close' });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.send({ type: 'close' }).catch(() => undefined);
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}
