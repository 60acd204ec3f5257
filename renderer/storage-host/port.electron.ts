// The storage host page under Electron: main sends a MessagePort through the preload
// (main/electron/preload.storage.ts), and the page serves RxDB's Dexie storage on it, exactly
// as it does on the WebSocket in the browser desk. One port per page load: when the page is
// reloaded or restarted, main sends a new one and reopens the database.
import { Subject } from 'rxjs';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { deskStorage } from './insertFastPath';
import type { StorageLostReport } from '../../shared/schema/deskSocket';
import { CHANNEL_STORAGE_PORT } from '../../shared/schema/deskChannels';


/** What the page needs of a port: a DOM MessagePort, or anything shaped like one in a test. */
export type StoragePort = Pick<MessagePort, 'postMessage' | 'addEventListener' | 'start'>;

/** Serves RxDB's Dexie storage (strict durability: an acknowledged check-in is on disk) over one port. */
export function serveStorageOverPort(port: StoragePort): void {
  const messages$ = new Subject<MessageToRemote>();
  port.addEventListener('message', (event) => messages$.next((event as MessageEvent<MessageToRemote>).data));
  // Electron's extension: 'close' when main's end is gone; nothing more will arrive.
  port.addEventListener('close', () => messages$.complete());
  port.start();
  exposeRxStorageRemote({
    // The browser deleting the data under the page is said to main at once (main/bridge/storageChannel.ts).
    storage: deskStorage({ onLost: (reason) => port.postMessage({ storageLost: reason } satisfies StorageLostReport) }),
    messages$,
    send: (message: MessageFromRemote) => port.postMessage(message),
  });
}

/**
 * Resolves with the port the preload hands over. Only a message this window posted to itself
 * counts (the preload shares the window; a frame or another page is a different source).
 */
export function receiveStoragePort(target: Window = window): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const port = event.ports[0];
      if (event.source !== target || event.data !== CHANNEL_STORAGE_PORT || !port) return;
      target.removeEventListener('message', onMessage);
      resolve(port);
    };
    target.addEventListener('message', onMessage);
  });
}

/** The Electron storage host in one call: wait for the port, then serve the storage on it. */
export async function serveStorageFromElectron(): Promise<void> {
  serveStorageOverPort(await receiveStoragePort());
}
