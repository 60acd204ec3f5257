// The storage bridge's core, whatever carries it: RxDB's remote storage in main
// (`getRxStorageRemote`), the storage host page's `exposeRxStorageRemote` on the other end. A
// transport (a loopback WebSocket, main/bridge/storage.websocket.ts; an Electron MessagePort,
// main/electron/storage.electron.ts) only carries messages: its adapter hands every message it
// decodes to `receive` and calls `close` when it is gone. Nothing here knows which it is.
//
// Two jobs beyond carrying messages:
// - once the transport is gone, every request still gets an answer, or RxDB waits for it
//   forever (pending writes, db.close(), and the collection slots they hold). Completing
//   messages$ would also end the waits, but as RxJS's "no elements in sequence" errors, and it
//   would make db.close() reject halfway. A write that was sent has an unknown outcome: it is
//   answered with an error that says so, and retrying it with the same id tells (a duplicate
//   insert answers CONFLICT: it had landed; see main/state/deskContext.ts appendLedger).
// - a heartbeat, where the transport cannot tell a hung page from a busy one (Electron: a page
//   that hangs keeps its port open and never answers; Chromium's hang monitor may not notice a
//   hidden window). The heartbeat is an RxDB 'custom' request, which exposeRxStorageRemote
//   always answers (with an error while no customRequestHandler is set: any answer proves the
//   page's event loop runs).
import { ReplaySubject, Subject } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { createAnswer, createErrorAnswer, getRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote, RemoteMessageChannel } from 'rxdb/plugins/storage-remote';
import { RXDB_VERSION } from 'rxdb/plugins/utils';
import type { StorageBridge, StorageConnection } from '../deskHost';
import { signalOfAnswer } from '../db/storageHealth';
import type { StorageSignal } from '../db/storageHealth';
import type { StorageHostReport, StorageLostReport } from '../../shared/schema/deskSocket';

/** What the core needs of a transport; its adapter encodes, and decodes what arrives. */
export type StorageTransport = {
  /** Carries one message to the storage host page. */
  send(message: MessageToRemote): void;
  /** Whether a message sent now can still arrive (a socket that is closing cannot). */
  readonly isOpen: boolean;
  /** Ends the transport; the core calls it once, when the channel closes. */
  close(): void;
};

export type Heartbeat = {
  /** How often main asks the page whether it is alive. */
  intervalMs: number;
  /** With no message at all from the page for this long, it is hung. */
  timeoutMs: number;
  /** Called once when the page is found hung; the caller restarts the storage host. */
  onHung(): void;
};

/** A generous default: a big bulk write keeps the page busy but still answering. */
export const DEFAULT_HEARTBEAT = { intervalMs: 2_000, timeoutMs: 15_000 } as const;

export type StorageChannel = StorageConnection & {
  /** A message from the storage host page, decoded: an RxDB answer or change event, or a report. */
  receive(message: unknown): void;
  /** Ends the channel and its transport and answers whatever still waits (idempotent). */
  close(): void;
  /** A signal learnt elsewhere (under Electron, main asks the page about persistent storage itself). */
  signal(signal: StorageSignal): void;
  readonly isOpen: boolean;
};

export type StorageChannelOptions = {
  identifier: string;
  log?: (line: string) => void;
  heartbeat?: Heartbeat;
};

/** The last signals a channel keeps for a listener that comes late (runDesk, after a restart). */
const SIGNALS_KEPT = 16;
const HEARTBEAT_CONNECTION = 'desk-heartbeat';
const HEARTBEAT_PREFIX = `${HEARTBEAT_CONNECTION}|`;

export function openStorageChannel(transport: StorageTransport, options: StorageChannelOptions): StorageChannel {
  const log = options.log ?? (() => {});
  const messages$ = new Subject<MessageFromRemote>();
  // Replayed: what the page reports as soon as it connects comes before runDesk listens.
  const signals$ = new ReplaySubject<StorageSignal>(SIGNALS_KEPT);
  const unanswered = new Map<string, MessageToRemote>();
  let resolveClosed = () => {};
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
  let open = true;
  let lastHeardMs = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;

  const answerLocally = (message: MessageToRemote, wasSent: boolean) => {
    // Closing an instance on a page that is gone is done: the page's instances went with it.
    if (message.method === 'close') messages$.next(createAnswer(message, null));
    else messages$.next(createErrorAnswer(message, new Error(wasSent
      ? `the storage host went away before answering ${message.method}: its outcome is unknown`
      : `the storage host is disconnected: ${message.method} was not sent`)));
  };

  const close = () => {
    if (!open) return;
    open = false;
    if (timer !== undefined) clearInterval(timer);
    try {
      transport.close();
    } catch {
      // Already closed by the other side.
    }
    for (const message of unanswered.values()) answerLocally(message, true);
    unanswered.clear();
    signals$.complete();
    resolveClosed();
  };

  const receive = (message: unknown) => {
    lastHeardMs = Date.now();
    if (typeof message !== 'object' || message === null) return;
    if (isHostReport(message)) {
      const { persisted, usageBytes, quotaBytes } = message.hostReport;
      const quota = quotaBytes === undefined ? '' : `, using ${megabytes(usageBytes ?? 0)} of ${megabytes(quotaBytes)} MB`;
      log(`storage host: connected (storage ${persisted ? 'persistent' : 'best-effort: the browser may evict it under pressure'}${quota})`);
      if (open) signals$.next({ kind: 'persistence', persisted: persisted === true });
      return;
    }
    if (isLostReport(message)) {
      if (open) signals$.next({ kind: 'lost', reason: `the storage host says: ${String(message.storageLost).slice(0, 200)}` });
      return;
    }
    // Change events carry answerTo 'changestream'; anything without one is not RxDB's.
    const answer = message as MessageFromRemote;
    if (typeof answer.answerTo !== 'string' || answer.answerTo.startsWith(HEARTBEAT_PREFIX)) return;
    // Before RxDB hears it: the status says "not saved" by the time the command answers.
    const signal = signalOfAnswer(unanswered.get(answer.answerTo), answer);
    if (signal && open) signals$.next(signal);
    unanswered.delete(answer.answerTo);
    messages$.next(answer);
  };

  if (options.heartbeat) {
    const heartbeat = options.heartbeat;
    let beats = 0;
    timer = setInterval(() => {
      if (!open) return;
      if (Date.now() - lastHeardMs > heartbeat.timeoutMs) {
        close();
        heartbeat.onHung();
        return;
      }
      beats += 1;
      transport.send({ connectionId: HEARTBEAT_CONNECTION, requestId: `${HEARTBEAT_PREFIX}${beats}`, method: 'custom', version: RXDB_VERSION, params: { heartbeat: beats } });
    }, heartbeat.intervalMs);
    // Never the reason the process stays alive.
    (timer as { unref?: () => void }).unref?.();
  }

  const send = (message: MessageToRemote) => {
    if (!open || !transport.isOpen) {
      answerLocally(message, false);
      return;
    }
    unanswered.set(message.requestId, message);
    transport.send(message);
  };

  // RxDB closes a channel when its last storage instance closes and asks for a new one for the
  // next; the transport belongs to the connection, so a channel is only a view of it.
  const messageChannelCreator = async (): Promise<RemoteMessageChannel> => ({
    messages$: messages$.asObservable(),
    send,
    close: async () => {},
  });

  const storage = getRxStorageRemote({ identifier: options.identifier, mode: 'storage', messageChannelCreator });
  return {
    storage: storage as RxStorage<unknown, unknown>,
    closed,
    signals: signals$.asObservable(),
    receive,
    close,
    signal(signal) {
      if (open) signals$.next(signal);
    },
    get isOpen() {
      return open;
    },
  };
}

/**
 * The storage bridge's one readiness gate: a storage host may connect before runDesk listens
 * (the page loads while main still reads the desk's identity); its connection waits here, and
 * only here, until the listener comes, unless it closes first.
 */
export function storageConnectionOffers(): StorageBridge & { offer(connection: StorageConnection): void } {
  let listener: ((connection: StorageConnection) => void) | null = null;
  let waiting: StorageConnection | null = null;
  return {
    onConnection(next) {
      listener = next;
      if (waiting) next(waiting);
      waiting = null;
    },
    offer(connection) {
      if (listener) {
        listener(connection);
        return;
      }
      waiting = connection;
      void connection.closed.then(() => {
        if (waiting === connection) waiting = null;
      });
    },
  };
}

function isHostReport(message: object): message is { hostReport: StorageHostReport } {
  return 'hostReport' in message;
}

function isLostReport(message: object): message is StorageLostReport {
  return 'storageLost' in message;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
