// Every channel name and socket path between main and the pages, in one place, so that a grep
// for one finds both ends: Electron's IPC channels (main/electron/, its preloads, the storage
// host page) and the browser desk's WebSocket paths (main/browser/, the pages). Plain constants:
// the sandboxed preloads bundle this file.

/** Renderer → main: one invoke channel for every desk call (`{ name, payload }`). */
export const CHANNEL_CALL = 'desk:call';

/** Main → renderer: every pushed event (`{ event, data }`). */
export const CHANNEL_EVENT = 'desk:event';

/**
 * Main → storage host preload: carries the MessagePort of the storage bridge. The preload
 * forwards it to the page under the same name (renderer/storage-host/port.electron.ts).
 */
export const CHANNEL_STORAGE_PORT = 'storage-port';

/** The browser desk's two sockets (main/browser/deskHttpServer.ts upgrades them). */
export const deskSocketPaths = { storage: '/ws/storage', api: '/ws/api' } as const;
