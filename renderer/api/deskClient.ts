// The one DeskClient the UI uses: the Electron preload's `window.desk` when there is one,
// else the browser desk's WebSocket client. Both implement the same type from shared/.
// `deskLink` says whether this window can reach the desk (always, under Electron).
import type { DeskClient } from '../../shared/schema/api';
import { createWebSocketDeskClient, defaultApiAddress } from './deskClient.websocket';
import { alwaysLinked } from './deskLink';
import { newTabName } from './tabName';
import type { DeskLink } from './deskLink';

const preloadDesk = (window as Window & { desk?: DeskClient }).desk;

/** True under Electron, where the preload exposes the API (and main hosts the storage window). */
export function hasPreloadDesk(): boolean {
  return preloadDesk !== undefined;
}

/** This tab's name: its API socket and its storage host frame share it (main/browser/deskTabs.ts). */
export const deskTab = newTabName();

const webSocketDesk = preloadDesk ? null : createWebSocketDeskClient(defaultApiAddress(deskTab));

export const deskClient: DeskClient = preloadDesk ?? webSocketDesk!;
export const deskLink: DeskLink = webSocketDesk?.link ?? alwaysLinked;
