// The storage bridge over Electron's MessagePorts: each load of the storage host page gets a
// fresh MessageChannelMain; main keeps port1 as RxDB's remote message channel and the page
// serves RxDB's Dexie storage on port2 (renderer/storage-host/port.electron.ts). Only the
// transport differs from storage.websocket.ts.
import { MessageChannelMain } from 'electron';
import type { MessagePortMain, WebContents } from 'electron';
import { Subject } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { getRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote, RemoteMessageChannel } from 'rxdb/plugins/storage-remote';
import type { StorageBridge, StorageConnection } from '../deskHost';
import { CHANNEL_STORAGE_PORT } from './channels';

export type ElectronStorageBridge = StorageBridge & {
  /** Offers a connection to a freshly loaded storage host page (call on every load). */
  connect(host: WebContents): void;
};

type PortConnection = StorageConnection & { close(): void };

/**
 * Wraps one port as one connection. When the port closes (the page reloaded, crashed or was
 * closed) messages$ COMPLETES: RxDB's pending requests then reject instead of waiting forever,
 * and `db.close()` can finish, so that main can open the database again on the next port.
 */
function connectionOverPort(port: MessagePortMain, identifier: string): PortConnection {
  const messages$ = new Subject<MessageFromRemote>();
  let resolveClosed = () => {};
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    port.close();
    messages$.complete();
    resolveClosed();
  };
  port.on('message', (event) => messages$.next(event.data as MessageFromRemote));
  port.on('close', close);
  port.start();

  const channel: RemoteMessageChannel = {
    messages$: messages$.asObservable(),
    // After close, a request is answered by messages$ completing, not by an exception here.
    send: (message: MessageToRemote) => { if (open) port.postMessage(message); },
    close: async () => close(),
  };
  let handedOut = false;
  const storage = getRxStorageRemote({
    identifier,
    // One channel for the whole storage, shared by every collection: this connection's port.
    mode: 'storage',
    messageChannelCreator: async () => {
      // A port cannot be reopened: a second channel means the database outlived its connection.
      if (handedOut || !open) throw new Error(`${identifier}: this storage connection is closed or already in use`);
      handedOut = true;
      return channel;
    },
  });
  return { storage: storage as RxStorage<unknown, unknown>, closed, close };
}

export function createElectronStorageBridge(log: (line: string) => void): ElectronStorageBridge {
  let listener: ((connection: StorageConnection) => void) | null = null;
  let waiting: StorageConnection | null = null;
  let current: PortConnection | null = null;
  let generation = 0;

  return {
    onConnection(next) {
      listener = next;
      if (waiting) next(waiting);
      waiting = null;
    },

    connect(host) {
      // The contract: the previous connection is closed before a new one is offered.
      current?.close();
      const { port1, port2 } = new MessageChannelMain();
      generation += 1;
      const number = generation;
      const connection = connectionOverPort(port1, `desk-storage-${number}`);
      current = connection;

      // The port's own close event should cover a crash; these make sure of it.
      const hostGone = () => connection.close();
      host.once('render-process-gone', hostGone);
      host.once('destroyed', hostGone);
      void connection.closed.then(() => {
        if (!host.isDestroyed()) {
          host.off('render-process-gone', hostGone);
          host.off('destroyed', hostGone);
        }
        log(`desk: storage connection ${number} closed`);
      });

      host.postMessage(CHANNEL_STORAGE_PORT, null, [port2]);
      if (listener) listener(connection);
      else waiting = connection;
    },
  };
}
