// Which tab is the browser desk's live window. A person can open the desk's address in several
// tabs (a bookmark opened twice, a window left open on another screen): the newest tab is the
// desk, and every socket of an older one is closed with TAB_SUPERSEDED, so that the old tab says
// so over its whole screen instead of going on showing "Online" beside a desk it no longer
// reaches. Only tabs take part: a socket that names no tab (the tests' own tools) is left alone.
//
// Before this, a second tab's storage host waited its turn and both tabs answered, the older
// one from a storage host that might be the one serving the desk or might not.
import type { WebSocket } from 'ws';
import { TAB_SUPERSEDED } from '../../shared/schema/deskSocket';

/** Old tabs remembered so that their reconnects are told too; one per page load, so a few do. */
const SUPERSEDED_KEPT = 64;

export class DeskTabs {
  private live: string | null = null;
  private readonly superseded = new Set<string>();
  private readonly socketsOf = new Map<string, Set<WebSocket>>();

  constructor(private readonly log: (line: string) => void) {}

  /**
   * Takes a socket of `tab`: false when that tab was superseded (the caller refuses it). A tab
   * not seen before becomes the live one, and the sockets of the one before are closed.
   */
  admit(tab: string, socket: WebSocket): boolean {
    if (this.superseded.has(tab)) return false;
    if (this.live !== tab) {
      const previous = this.live;
      this.live = tab;
      if (previous !== null) this.supersede(previous);
    }
    const sockets = this.socketsOf.get(tab) ?? new Set<WebSocket>();
    this.socketsOf.set(tab, sockets);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.socketsOf.get(tab) === sockets) this.socketsOf.delete(tab);
    });
    return true;
  }

  private supersede(tab: string): void {
    this.superseded.add(tab);
    if (this.superseded.size > SUPERSEDED_KEPT) this.superseded.delete(this.superseded.values().next().value!);
    const sockets = this.socketsOf.get(tab);
    this.socketsOf.delete(tab);
    // A tab with no socket left (closed, or its browser gone) has nobody to tell.
    if (!sockets || sockets.size === 0) return;
    this.log(`desk server: the desk was opened in another tab; the tab before it is told it is no longer the desk (${sockets.size} sockets closed)`);
    for (const socket of sockets) socket.close(TAB_SUPERSEDED, 'another tab of the desk took over');
  }
}
