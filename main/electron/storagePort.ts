// One storage connection over one MessagePort: RxDB's remote storage in main, the storage host
// page's `exposeRxStorageRemote` on the other end (renderer/storage-host/port.electron.ts).
// No Electron import: the port is anything shaped like Electron's MessagePortMain, so the
// unit tests drive it with a fake port and RxDB's memory storage on the far side.
//
// Two jobs beyond carrying messages:
// - once the port is gone, every request still gets an answer, or RxDB waits for it forever
//   (pending writes, db.close(), and the collection slots they hold). A write that was sent
//   has an unknown outcome: it is answered with an error that says so, and retrying it with the
//   same id tells (a duplicate insert answers CONFLICT: it had landed; see
//   main/desk/deskContext.ts appendLedger). Same contract as main/bridge/storage.websocket.ts.
// - a heartbeat: a page that hangs (an endless loop, a wedged renderer) keeps its port open and
//   never answers; Chromium's hang monitor may not notice a hidden window (and is switched off
//   under test drivers). The heartbeat is an RxDB 'custom' request, which exposeRxStorageRemote
//   always answers (with an error while no customRequestHandler is set: any answer proves the
//   page's event loop runs).
import { ReplaySubject, Subject } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { createAnswer, createErrorAnswer, getRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote, RemoteMessageChannel } from 'rxdb/plugins/storage-remote';
import { RXDB_VERSION } from 'rxdb/plugins/utils';
import type { StorageConnection } from '../deskHost';
import { signalOfAnswer } from '../db/storageHealth';
import type { StorageSignal } from '../db/storageHealth';
import type { StorageLostReport } from '../../shared/schema/deskSocket';

/** What a connection needs of a port (Electron's MessagePortMain has all of it). */
export type StoragePort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
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

export type PortConnection = StorageConnection & {
  /** Closes the port and answers whatever is still waiting (idempotent). */
  close(): void;
  /** A signal learnt elsewhere (main asks the page about persistent storage itself). */
  signal(signal: StorageSignal): void;
  readonly isOpen: boolean;
};

const HEARTBEAT_CONNECTION = 'desk-heartbeat';
const HEARTBEAT_PREFIX = `${HEARTBEAT_CONNECTION}|`;

export function connectionOverPort(port: StoragePort, identifier: string, heartbeat?: Heartbeat): PortConnection {
  const messages$ = new Subject<MessageFromRemote>();
  // Replayed: what is learnt before runDesk listens (persistence, asked at once) is not lost.
  const signals$ = new ReplaySubject<StorageSignal>(16);
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
      port.close();
    } catch {
      // Already closed by the other side.
    }
    for (const message of unanswered.values()) answerLocally(message, true);
    unanswered.clear();
    signals$.complete();
    resolveClosed();
  };

  port.on('message', (event) => {
    lastHeardMs = Date.now();
    const answer = event.data as MessageFromRemote | null;
    if (answer && typeof answer === 'object' && 'storageLost' in answer) {
      signals$.next({ kind: 'lost', reason: `the storage host says: ${String((answer as StorageLostReport).storageLost).slice(0, 200)}` });
      return;
    }
    if (!answer || typeof answer !== 'object' || typeof answer.answerTo !== 'string') {
      // Change events carry answerTo 'changestream'; anything without one is not RxDB's.
      return;
    }
    if (answer.answerTo.startsWith(HEARTBEAT_PREFIX)) return;
    // Before RxDB hears it: the status says "not saved" by the time the command answers.
    const signal = signalOfAnswer(unanswered.get(answer.answerTo), answer);
    if (signal && open) signals$.next(signal);
    unanswered.delete(answer.answerTo);
    messages$.next(answer);
  });
  port.on('close', close);
  port.start();

  if (heartbeat) {
    let beats = 0;
    timer = setInterval(() => {
      if (!open) return;
      if (Date.now() - lastHeardMs > heartbeat.timeoutMs) {
        close();
        heartbeat.onHung();
        return;
      }
      beats += 1;
      const ping: MessageToRemote = { connectionId: HEARTBEAT_CONNECTION, requestId: `${HEARTBEAT_PREFIX}${beats}`, method: 'custom', version: RXDB_VERSION, params: { heartbeat: beats } };
      port.postMessage(ping);
    }, heartbeat.intervalMs);
    // Never the reason the process stays alive.
    (timer as { unref?: () => void }).unref?.();
  }

  const send = (message: MessageToRemote) => {
    if (!open) {
      answerLocally(message, false);
      return;
    }
    unanswered.set(message.requestId, message);
    port.postMessage(message);
  };

  // RxDB closes a channel when its last storage instance closes and asks for a new one for the
  // next; the port belongs to the connection, so a channel is only a view of it.
  const messageChannelCreator = async (): Promise<RemoteMessageChannel> => ({
    messages$: messages$.asObservable(),
    send,
    close: async () => {},
  });

  const storage = getRxStorageRemote({ identifier, mode: 'storage', messageChannelCreator });
  return {
    storage: storage as RxStorage<unknown, unknown>,
    closed,
    signals: signals$.asObservable(),
    signal(signal) {
      if (open) signals$.next(signal);
    },
    close,
    get isOpen() {
      return open;
    },
  };
}
