// The browser desk's loopback WebSocket protocol, shared by main (the server end) and the
// pages (the client ends): close codes, and what the storage host page tells main besides
// RxDB's answers (over the socket here, over the MessagePort under Electron). The paths are
// with every channel name in shared/schema/deskChannels.ts.

/** Close code for a socket without this launch's secret; the pages stop retrying on it. */
export const WRONG_SECRET = 4401;
/** Close code for a second storage host while one is connected; it retries until it is alone. */
export const STORAGE_HOST_BUSY = 4409;
/**
 * Close code for every socket of a tab once another tab of the desk has opened: one tab is the
 * desk's live window, the newest. The pages stop retrying on it and say so over the whole screen.
 */
export const TAB_SUPERSEDED = 4410;

/**
 * The query parameter that names the tab a socket belongs to (the UI page's API socket and its
 * storage host frame share one); a socket without it (a tool of the tests) takes no part.
 */
export const TAB_PARAM = 't';
/** What a tab's name looks like: made by the page from random bytes at each load. */
export const TAB_FORMAT = /^[A-Za-z0-9_-]{8,64}$/;

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
