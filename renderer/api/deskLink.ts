// Whether this window is the desk's live window and can reach it (the browser desk's tabs; an
// Electron window always is: it lives and dies with main). The WebSocket client says which
// (deskClient.websocket.ts); the App covers the whole screen when it is not, so that a tab left
// open never shows "Online" or answers a search it cannot ask (renderer/shell/DeskLinkScreen.tsx).
import { useSyncExternalStore } from 'react';

export type DeskLinkState =
  /** Opening, or the connection dropped a moment ago and is being made again. */
  | 'connecting'
  | 'connected'
  /** No answer for a few seconds: the desk program is not running (the tab reconnects when it is). */
  | 'desk-gone'
  /** Another tab of the desk opened since: this one is not the desk any more (final). */
  | 'superseded'
  /** main refused this page's secret: an address of another data folder, or mistyped (final). */
  | 'wrong-address';

export type DeskLink = {
  current(): DeskLinkState;
  /** Called on every change; answers a function that stops it. */
  subscribe(listener: () => void): () => void;
};

export const alwaysLinked: DeskLink = {
  current: () => 'connected',
  subscribe: () => () => undefined,
};

export function useDeskLink(link: DeskLink): DeskLinkState {
  const current = () => link.current();
  // The same snapshot for a render outside a browser (test/unit/shell/openingDesk.test.tsx).
  return useSyncExternalStore((listener) => link.subscribe(listener), current, current);
}
