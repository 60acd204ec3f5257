// The storage bridge of the browser desk: RxDB's remote storage carried over a loopback
// WebSocket to the storage host page (renderer/storage-host/main.ts), which runs
// `exposeRxStorageRemote` on Dexie. RxDB's plugins do the work; this file is the plumbing.
import { ReplaySubject, Subject } from 'rxjs';
import type { WebSocket } from 'ws';
import { createAnswer, createErrorAnswer, getRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote, RemoteMessageChannel } from 'rxdb/plugins/storage-remote';
import type { StorageBridge, StorageConnection } from '../deskHost';
import { STORAGE_HOST_BUSY } from '../../shared/schema/deskSocket';
import type { StorageHostReport as HostReport, StorageLostReport } from '../../shared/schema/deskSocket';
import { signalOfAnswer } from '../db/storageHealth';
import type { StorageSignal } from '../db/storageHealth';

export { STORAGE_HOST_BUSY };

/** The last signals a connection keeps for a listener that comes late (runDesk, after a restart). */
const SIGNALS_KEPT = 16;

export type WebSocketStorageBridge = StorageBridge & {
  /** Takes an authenticated socket from the storage host page; refuses it while another one is live. */
  accept(socket: WebSocket): void;
};

export function createWebSocketStorageBridge(log: (line: string) => void = console.log): WebSocketStorageBridge {
  let listener: ((connection: StorageConnection) => void) | null = null;
  let live: WebSocket | null = null;
  // A page may connect before runDesk installs its listener: keep that connection for it.
  let waiting: StorageConnection | null = null;
  let connections = 0;

  return {
    onConnection(next) {
      listener = next;
      if (waiting) next(waiting);
      waiting = null;
    },
    accept(socket) {
      // One storage host at a time: a second page (another tab of the desk) must not open
      // the same IndexedDB behind the first one's back. It retries and takes over once the
      // first page is gone. A hung-but-connected page therefore blocks takeover; a closed
      // or crashed one does not (the kernel closes its socket).
      if (live) {
        socket.close(STORAGE_HOST_BUSY, 'another storage host is connected');
        return;
      }
      live = socket;
      connections += 1;
      const connection = connectionOver(socket, `desk-storage-host-${connections}`, log);
      void connection.closed.then(() => {
        if (live === socket) live = null;
        if (waiting === connection) waiting = null;
        log('storage host: disconnected');
      });
      if (listener) listener(connection);
      else waiting = connection;
    },
  };
}

// Once the socket is gone, every request still gets an answer, or RxDB waits for it forever
// (pending writes, db.close(), and the collection slots they hold). Completing messages$
// would also end the waits, but as RxJS's "no elements in sequence" errors, and it would make
// db.close() reject halfway, leaving the rest of the database's close undone.
function connectionOver(socket: WebSocket, identifier: string, log: (line: string) => void): StorageConnection {
  const messages$ = new Subject<MessageFromRemote>();
  // Replayed: the page reports its storage as soon as it connects, before runDesk listens.
  const signals$ = new ReplaySubject<StorageSignal>(SIGNALS_KEPT);
  const unanswered = new Map<string, MessageToRemote>();
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });

  const answerLocally = (message: MessageToRemote, wasSent: boolean) => {
    // Closing an instance on a page that is gone is done: the page closed its own instances.
    if (message.method === 'close') messages$.next(createAnswer(message, null));
    else messages$.next(createErrorAnswer(message, new Error(wasSent
      ? `the storage host disconnected before answering ${message.method}: its outcome is unknown`
      : `the storage host is disconnected: ${message.method} was not sent`)));
  };

  socket.on('message', (data, isBinary) => {
    const message = isBinary ? null : parse(data.toString());
    if (message === null) {
      log('storage host: ignored a message that is not JSON');
    } else if (isHostReport(message)) {
      const { persisted, usageBytes, quotaBytes } = message.hostReport;
      const quota = quotaBytes === undefined ? '' : `, using ${megabytes(usageBytes ?? 0)} of ${megabytes(quotaBytes)} MB`;
      log(`storage host: connected (storage ${persisted ? 'persistent' : 'best-effort: the browser may evict it under pressure'}${quota})`);
      signals$.next({ kind: 'persistence', persisted: persisted === true });
    } else if (isLostReport(message)) {
      signals$.next({ kind: 'lost', reason: `the storage host says: ${String(message.storageLost).slice(0, 200)}` });
    } else {
      const answer = message as MessageFromRemote;
      // Before RxDB hears it: the status says "not saved" by the time the command answers.
      const signal = signalOfAnswer(unanswered.get(answer.answerTo), answer);
      if (signal) signals$.next(signal);
      unanswered.delete(answer.answerTo);
      messages$.next(answer);
    }
  });

  socket.on('close', () => {
    // A write in flight may or may not have landed: retry it with the same id (CONFLICT means it had).
    for (const message of unanswered.values()) answerLocally(message, true);
    unanswered.clear();
    signals$.complete();
    resolveClosed();
  });
  socket.on('error', (error) => log(`storage host: socket error: ${error.message}`));

  const send = (message: MessageToRemote) => {
    if (socket.readyState !== socket.OPEN) {
      answerLocally(message, false);
      return;
    }
    unanswered.set(message.requestId, message);
    socket.send(JSON.stringify(message));
  };

  // RxDB closes a channel when its last storage instance closes and asks for a new one for
  // the next; the socket belongs to the connection, so a channel is only a view of it.
  const messageChannelCreator = async (): Promise<RemoteMessageChannel> => ({
    messages$: messages$.asObservable(),
    send,
    close: async () => {},
  });

  return {
    storage: getRxStorageRemote({ identifier, mode: 'storage', messageChannelCreator }),
    closed,
    signals: signals$.asObservable(),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isHostReport(message: unknown): message is { hostReport: HostReport } {
  return typeof message === 'object' && message !== null && 'hostReport' in message;
}

function isLostReport(message: unknown): message is StorageLostReport {
  return typeof message === 'object' && message !== null && 'storageLost' in message;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
