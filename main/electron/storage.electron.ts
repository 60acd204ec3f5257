// The storage bridge over Electron's MessagePorts: each load of the storage host page gets a
// fresh MessageChannelMain; main keeps port1 for the transport-free storage channel
// (main/bridge/storageChannel.ts, with its heartbeat: a hung page keeps its port open) and the
// page serves RxDB's Dexie storage on port2 (renderer/storage-host/port.electron.ts).
// Only the transport differs from main/bridge/storage.websocket.ts.
import { MessageChannelMain } from 'electron';
import type { WebContents } from 'electron';
import type { StorageBridge } from '../deskHost';
import { CHANNEL_STORAGE_PORT } from '../../shared/schema/deskChannels';
import type { Heartbeat, StorageChannel } from '../bridge/storageChannel';
import { openStorageChannel, storageConnectionOffers } from '../bridge/storageChannel';

/** What a channel needs of a port (Electron's MessagePortMain has all of it; tests pass Node's). */
export type StoragePort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
};

/** One storage connection over one port; structured clone carries the messages as they are. */
export function connectionOverPort(port: StoragePort, identifier: string, heartbeat?: Heartbeat): StorageChannel {
  const channel = openStorageChannel({
    send: (message) => port.postMessage(message),
    // A port has no state to ask: it is open until its 'close', which closes the channel.
    isOpen: true,
    close: () => port.close(),
  }, heartbeat ? { identifier, heartbeat } : { identifier });
  port.on('message', (event) => channel.receive(event.data));
  port.on('close', () => channel.close());
  port.start();
  return channel;
}

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
  const offers = storageConnectionOffers();
  let current: StorageChannel | null = null;
  let generation = 0;

  return {
    onConnection: (listener) => offers.onConnection(listener),

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
        log(`desk: storage connection ${number} closed`);
      });

      // Only to the storage host's own webContents, never broadcast.
      host.postMessage(CHANNEL_STORAGE_PORT, null, [port2]);
      offers.offer(connection);
    },

    reportPersistence(persisted) {
      current?.signal({ kind: 'persistence', persisted });
    },
  };
}
