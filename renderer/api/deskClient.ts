// The one DeskClient the UI uses: the Electron preload's `window.desk` when there is one,
// else the browser desk's WebSocket client. Both implement the same type from shared/.
import type { DeskClient } from '../../shared/schema/api';
import { createWebSocketDeskClient } from './deskClient.websocket';

const preloadDesk = (window as Window & { desk?: DeskClient }).desk;

/** True under Electron, where the preload exposes the API (and main hosts the storage window). */
export function hasPreloadDesk(): boolean {
  return preloadDesk !== undefined;
}

export const deskClient: DeskClient = preloadDesk ?? createWebSocketDeskClient();
