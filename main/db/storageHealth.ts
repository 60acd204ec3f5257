// Whether what the desk writes is being kept. The storage host's IndexedDB refuses a write
// whole when the disk or the browser's quota is full (QuotaExceededError: the transaction is
// aborted, nothing of it lands), and the browser may delete an origin's data that it never
// promised to keep. Either way check-ins are not being saved, and the door must hear it at
// once, in words, never as a success or as "something went wrong".
//
// The storage channel (main/bridge/storageChannel.ts, under both bridges) reads the storage
// host's answers with `signalOfAnswer`; runDesk keeps the state (`StorageHealthWatch`)
// and puts it in the desk's status; a command whose write failed answers the refusal that
// `storageFailureOf` names.
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import type { StorageHealth } from '../../shared/schema/api';
import { STORAGE_LOST_ERROR } from '../../shared/schema/deskSocket';

export type StorageFailure = 'full' | 'lost';

/** What a storage connection learns about the keeping of the data, as it happens. */
export type StorageSignal =
  | { kind: 'persistence'; persisted: boolean }
  | { kind: 'write-saved' }
  | { kind: 'write-refused'; failure: StorageFailure }
  | { kind: 'lost'; reason: string };

type ErrorLike = { name?: unknown; message?: unknown };

/** How RxDB's remote storage throws an error the storage host answered with (rx-storage-remote.ts). */
const REMOTE_ERROR_PREFIX = 'could not requestRemote: ';

/**
 * The failure behind an error a write met, or null when it is not one of the storage's (a bug,
 * a dropped connection: its outcome is unknown). Reads the error's name, never the text of the
 * documents RxDB puts beside it (a customer may be called "QuotaExceededError").
 */
export function storageFailureOf(error: unknown): StorageFailure | null {
  const answered = answeredError(error);
  if (!answered) return null;
  const name = typeof answered.name === 'string' ? answered.name : '';
  const message = typeof answered.message === 'string' ? answered.message : '';
  if (name === STORAGE_LOST_ERROR) return 'lost';
  // Dexie reports an aborted transaction as an AbortError whose message starts with the cause.
  if (name === 'QuotaExceededError' || /^QuotaExceededError\b/.test(message)) return 'full';
  return null;
}

function answeredError(error: unknown): ErrorLike | null {
  if (typeof error !== 'object' || error === null) return null;
  const message = (error as ErrorLike).message;
  if (error instanceof Error && typeof message === 'string' && message.startsWith(REMOTE_ERROR_PREFIX)) {
    try {
      const thrown = JSON.parse(message.slice(REMOTE_ERROR_PREFIX.length)) as { error?: ErrorLike };
      return typeof thrown.error === 'object' && thrown.error !== null ? thrown.error : null;
    } catch {
      return null;
    }
  }
  return error as ErrorLike;
}

/** What the storage host's answer to `request` says about the keeping of the data, if anything. */
export function signalOfAnswer(request: MessageToRemote | undefined, answer: MessageFromRemote): StorageSignal | null {
  if (request?.method !== 'bulkWrite') return null;
  if (!answer.error) return { kind: 'write-saved' };
  const failure = storageFailureOf(answer.error);
  return failure ? { kind: 'write-refused', failure } : null;
}

/**
 * The desk's storage health across connections: `full` until a write is saved again; `lost`
 * for the rest of main's life (the data behind the desk's memory is gone: only a person can
 * decide what to do, and the alarm must not go away by itself); persistence as the current
 * storage host last said.
 */
export class StorageHealthWatch {
  private state: StorageHealth = { problem: null, persistent: null };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: (line: string) => void) {}

  get health(): StorageHealth {
    return this.state;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new storage host: what the last one said about persistence no longer holds. */
  newConnection(): void {
    this.set({ ...this.state, persistent: null });
  }

  apply(signal: StorageSignal): void {
    const { problem } = this.state;
    switch (signal.kind) {
      case 'persistence':
        this.set({ ...this.state, persistent: signal.persisted });
        return;
      case 'write-saved':
        if (problem === 'full') {
          this.log('storage: a write was saved again; check-ins are being saved');
          this.set({ ...this.state, problem: null });
        }
        return;
      case 'write-refused':
        if (problem !== 'lost' && problem !== signal.failure) {
          this.log(signal.failure === 'full'
            ? 'storage: ALARM: a write was refused for want of space (QuotaExceededError); check-ins are NOT being saved'
            : 'storage: ALARM: the storage host lost the desk\'s database; check-ins are NOT being saved');
          this.set({ ...this.state, problem: signal.failure });
        }
        return;
      case 'lost':
        if (problem !== 'lost') {
          this.log(`storage: ALARM: ${signal.reason}; check-ins are NOT being saved until the desk is started again`);
          this.set({ ...this.state, problem: 'lost' });
        }
        return;
    }
  }

  private set(next: StorageHealth): void {
    if (next.problem === this.state.problem && next.persistent === this.state.persistent) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
