// The browser desk's loopback WebSocket protocol, shared by main (the server end) and the
// pages (the client ends): paths, close codes, and what the storage host page tells main
// besides RxDB's answers (over the socket here, over the MessagePort under Electron).

export const deskSocketPaths = { storage: '/ws/storage', api: '/ws/api' } as const;

/** Close code for a socket without this launch's secret; the pages stop retrying on it. */
export const WRONG_SECRET = 4401;
/** Close code for a second storage host while one is connected; it retries until it is alone. */
export const STORAGE_HOST_BUSY = 4409;

/** What the storage host page tells main once connected. */
export type StorageHostReport = { persisted: boolean; usageBytes?: number; quotaBytes?: number };

/**
 * The name of the error a storage host answers every request with once the browser has deleted
 * the desk's data under it (a database closed by the browser, not by main): Dexie would open
 * the database again, empty, and every later write would be "saved" into nothing that matters.
 */
export const STORAGE_LOST_ERROR = 'StorageLostError';

/** What the storage host page says when the browser closed one of its databases by force. */
export type StorageLostReport = { storageLost: string };
