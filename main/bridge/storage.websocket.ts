// The storage bridge of the browser desk: RxDB's remote storage carried over a loopback
// WebSocket to the storage host page (renderer/storage-host/main.ts), which runs
// `exposeRxStorageRemote` on Dexie. The channel itself is the transport-free core
// (./storageChannel.ts); this adapter carries its messages as JSON text, one storage host at a time.
import type { WebSocket } from 'ws';
import type { StorageBridge } from '../deskHost';
import { STORAGE_HOST_BUSY } from '../../shared/schema/deskSocket';
import type { StorageChannel } from './storageChannel';
import { openStorageChannel, storageConnectionOffers } from './storageChannel';

export { STORAGE_HOST_BUSY };

export type WebSocketStorageBridge = StorageBridge & {
  /** Takes an authenticated socket from the storage host page; refuses it while another one is live. */
  accept(socket: WebSocket): void;
};

export function createWebSocketStorageBridge(log: (line: string) => void = console.log): WebSocketStorageBridge {
  const offers = storageConnectionOffers();
  let live: WebSocket | null = null;
  let connections = 0;

  return {
    onConnection: (listener) => offers.onConnection(listener),
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
      const connection = channelOverSocket(socket, `desk-storage-host-${connections}`, log);
      void connection.closed.then(() => {
        if (live === socket) live = null;
        log('storage host: disconnected');
      });
      offers.offer(connection);
    },
  };
}

function channelOverSocket(socket: WebSocket, identifier: string, log: (line: string) => void): StorageChannel {
  const channel = openStorageChannel({
    send: (message) => socket.send(JSON.stringify(message)),
    get isOpen() {
      return socket.readyState === socket.OPEN;
    },
    close: () => socket.close(),
  }, { identifier, log });
  socket.on('message', (data, isBinary) => {
    const message = isBinary ? null : parse(data.toString());
    if (message === null) log('storage host: ignored a message that is not JSON');
    else channel.receive(message);
  });
  // A write in flight may or may not have landed: the channel answers it so (retry it with the same id).
  socket.on('close', () => channel.close());
  socket.on('error', (error) => log(`storage host: socket error: ${error.message}`));
  return channel;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
