// The storage bridge over Electron's MessagePorts: each load of the storage host page gets a
// fresh MessageChannelMain; main keeps port1 as RxDB's remote message channel (storagePort.ts)
// and the page serves RxDB's Dexie storage on port2 (renderer/storage-host/port.electron.ts).
// Only the transport differs from main/bridge/storage.websocket.ts.
import { MessageChannelMain } from 'electron';
import type { WebContents } from 'electron';
import type { StorageBridge, StorageConnection } from '../deskHost';
import { CHANNEL_STORAGE_PORT } from './channels';
import type { Heartbeat, PortConnection } from './storagePort';
import { connectionOverPort } from './storagePort';

export type ElectronStorageBridge = StorageBridge & {
  /**
   * Offers a connection to a freshly loaded storage host page (call on every load). With a
   * heartbeat, a page that stops answering is reported through `heartbeat.onHung`.
   */
  connect(host: WebContents, heartbeat?: Heartbeat): void;
  /** What the current storage host's page answered about persistent storage (storageHost.ts asks). */
  reportPersistence(persisted: boolean): void;
};

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

    connect(host, heartbeat) {
      // The contract: the previous connection is closed before a new one is offered.
      current?.close();
      const { port1, port2 } = new MessageChannelMain();
      generation += 1;
      const number = generation;
      const connection = connectionOverPort(port1, `desk-storage-${number}`, heartbeat);
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
        if (waiting === connection) waiting = null;
        log(`desk: storage connection ${number} closed`);
      });

      // Only to the storage host's own webContents, never broadcast.
      host.postMessage(CHANNEL_STORAGE_PORT, null, [port2]);
      if (listener) listener(connection);
      else waiting = connection;
    },

    reportPersistence(persisted) {
      current?.signal({ kind: 'persistence', persisted });
    },
  };
}
