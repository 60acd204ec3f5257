// The messages between the page and the search worker (renderer/search/searchWorker.ts).
import type { CorpusCustomer } from '../../shared/schema/api';
import type { PreparedPart } from './corpusIndex';

export type ToSearchWorker =
  /** Forget everything: a whole load follows. */
  | { kind: 'reset' }
  | { kind: 'apply'; customers: CorpusCustomer[] }
  /** Send the index back prepared, part by part, then forget it (the page holds it now). */
  | { kind: 'prepare'; seq: number; partSize: number };

export type FromSearchWorker =
  | { kind: 'part'; seq: number; part: PreparedPart }
  | { kind: 'failed'; message: string };

/** What the page needs of the worker; the tests hand it one that runs in the same realm. */
export type SearchWorkerPort = {
  post(message: ToSearchWorker): void;
  onMessage(listener: (message: FromSearchWorker) => void): void;
  close(): void;
};
