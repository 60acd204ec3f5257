// The browser desk's loopback WebSocket protocol, shared by main (the server end) and the
// pages (the client ends): paths, close codes, and the storage host's report.

export const deskSocketPaths = { storage: '/ws/storage', api: '/ws/api' } as const;

/** Close code for a socket without this launch's secret; the pages stop retrying on it. */
export const WRONG_SECRET = 4401;
/** Close code for a second storage host while one is connected; it retries until it is alone. */
export const STORAGE_HOST_BUSY = 4409;

/** What the storage host page tells main once connected. */
export type StorageHostReport = { persisted: boolean; usageBytes?: number; quotaBytes?: number };
