// Every IPC channel name between main and the preloads, in one place, so that a grep for a
// channel finds both ends. Plain constants: the sandboxed preloads bundle this file.

/** Renderer → main: one invoke channel for every desk call (`{ name, payload }`). */
export const CHANNEL_CALL = 'desk:call';

/** Main → renderer: every pushed event (`{ event, data }`). */
export const CHANNEL_EVENT = 'desk:event';

/**
 * Main → storage host preload: carries the MessagePort of the storage bridge. The preload
 * forwards it to the page under the same name (renderer/storage-host/port.electron.ts
 * listens for it; renderer/ may not import main/, so the page repeats the literal).
 */
export const CHANNEL_STORAGE_PORT = 'storage-port';
