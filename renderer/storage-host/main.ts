// The storage host page of the browser desk: serves RxDB's Dexie storage, on this origin's
// IndexedDB, to main over /ws/storage (main/bridge/storage.websocket.ts is the other end).
// It holds no data of its own in memory and has no UI. No RxDB dev-mode here: it injects
// an iframe, and main validates what it writes anyway.
import { Subject } from 'rxjs';
import type { RxStorageInstance } from 'rxdb';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageToRemote, RxStorageRemoteExposeType } from 'rxdb/plugins/storage-remote';
import { deskStorage } from './insertFastPath';
import { serveStorageFromElectron } from './port.electron';
import { newTabName } from '../api/tabName';
import { STORAGE_HOST_BUSY, TAB_FORMAT, TAB_PARAM, TAB_SUPERSEDED, WRONG_SECRET } from '../../shared/schema/deskSocket';
import { deskSocketPaths } from '../../shared/schema/deskChannels';
import type { StorageHostReport, StorageLostReport } from '../../shared/schema/deskSocket';

// Close codes, mirrored from main/browser/deskHttpServer.ts and main/bridge/storage.websocket.ts.
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;
// Short: after a reload, the new page may knock before main has seen the old one leave.
const BUSY_RETRY_MS = 1_000;

/** The socket to main now; what the page has to say about its storage goes there. */
let socketNow: WebSocket | null = null;
/** Set once the browser deleted the desk's data under this page; said again to every new main. */
let lostReason: string | null = null;
const sayLost = (socket: WebSocket | null) => {
  if (lostReason !== null && socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ storageLost: lostReason } satisfies StorageLostReport));
};

// Strict: IndexedDB reports a write done only once it is flushed to disk, so an
// acknowledged check-in survives a power cut (renderer/storage-host/insertFastPath.ts).
const storage = deskStorage({
  onLost: (reason) => {
    lostReason = reason;
    sayLost(socketNow);
  },
});
const secret = new URLSearchParams(location.search).get('s') ?? '';
// The UI page's tab (renderer/api/storageHostFrame.ts); a page opened on its own is a tab of its own.
const givenTab = new URLSearchParams(location.search).get(TAB_PARAM) ?? '';
const tab = TAB_FORMAT.test(givenTab) ? givenTab : newTabName();

function connect(failures: number): void {
  const query = new URLSearchParams({ s: secret, [TAB_PARAM]: tab });
  const socket = new WebSocket(`ws://${location.host}${deskSocketPaths.storage}?${query.toString()}`);
  const messages$ = new Subject<MessageToRemote>();
  let exposed: RxStorageRemoteExposeType | null = null;

  socket.onopen = () => {
    socketNow = socket;
    sayLost(socket);
    exposed = exposeRxStorageRemote({
      storage,
      messages$,
      send: (message) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      },
    });
    void reportStorage(socket);
  };
  socket.onmessage = (event: MessageEvent<string>) => {
    try {
      messages$.next(JSON.parse(event.data) as MessageToRemote);
    } catch (error) {
      console.error('storage host: a message from main is not JSON', error);
    }
  };
  socket.onclose = (event) => {
    if (socketNow === socket) socketNow = null;
    messages$.complete();
    // Main reopens the database on the next connection; close what this one opened first.
    void closeInstances(exposed).then(() => {
      if (event.code === WRONG_SECRET) {
        console.error('storage host: main refused this page\'s secret (a link from another desk?); not retrying');
        return;
      }
      if (event.code === TAB_SUPERSEDED) {
        console.warn('storage host: the desk was opened in another tab, whose storage host serves it now; not retrying');
        return;
      }
      // Back off while main is unreachable; while another page is the storage host, check
      // back now and then to take over when it goes.
      const busy = event.code === STORAGE_HOST_BUSY;
      const retries = exposed !== null && !busy ? 0 : failures + 1;
      const delay = busy ? BUSY_RETRY_MS : Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** retries);
      setTimeout(() => connect(retries), delay);
    });
  };
}

/** Tells main whether the browser may evict this origin's data (a line in main's log). */
async function reportStorage(socket: WebSocket): Promise<void> {
  // Chromium decides by its own heuristics, without asking; headless says best-effort.
  const persisted = await navigator.storage?.persist?.().catch(() => false) ?? false;
  const estimate = await navigator.storage?.estimate?.().catch(() => null) ?? null;
  const hostReport: StorageHostReport = { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ hostReport }));
}

type ExposedInstance = { storageInstancePromise: Promise<RxStorageInstance<unknown, unknown, unknown>> };

async function closeInstances(exposed: RxStorageRemoteExposeType | null): Promise<void> {
  if (!exposed) return;
  const states = [...exposed.instanceByFullName.values()] as ExposedInstance[];
  exposed.instanceByFullName.clear();
  await Promise.all(states.map(async (state) => {
    try {
      await (await state.storageInstancePromise).close();
    } catch (error) {
      console.warn('storage host: closing a storage instance after the connection dropped', error);
    }
  }));
}

// Under Electron the storage arrives over a MessagePort from main (app:// page); in the
// browser desk over the loopback WebSocket. Top level, so the page listens before main sends.
if (location.protocol === 'app:') void serveStorageFromElectron();
else connect(0);
