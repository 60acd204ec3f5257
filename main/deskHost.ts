// The seam between main's data/commands and the transports that carry them. Both
// topologies (Electron: MessagePort + IPC; browser desk: loopback WebSocket) implement the
// two bridges below and hand them to `runDesk`; only the transport differs.
import type { HubFinder } from './sync/hubDiscovery';
import type { RxStorage } from 'rxdb';
import type { Observable } from 'rxjs';
import type { DeskEventName, DeskEvents } from '../shared/schema/api';
import type { VenueData } from '../shared/schema/records';
import type { StorageSignal } from './db/storageHealth';

/** A storage connection to the storage host (a Chromium page serving RxDB's Dexie storage). */
export type StorageConnection = {
  /** RxDB's remote storage over this connection. */
  storage: RxStorage<unknown, unknown>;
  /** Resolves when the connection is gone (socket closed, window crashed). */
  closed: Promise<void>;
  /** What the storage host's answers and reports say about the keeping of the data (main/db/storageHealth.ts). */
  signals?: Observable<StorageSignal>;
};

/** Where storage connections come from: each new storage host page offers one. */
export type StorageBridge = {
  /** Called for every new connection; the previous one (if any) is already closed. */
  onConnection(listener: (connection: StorageConnection) => void): void;
};

/** The renderer side: calls come in, events go out. */
export type ApiBridge = {
  /**
   * Installs the one handler for every call, handed on as it arrived (the desk parses it:
   * main/desk/deskCall.ts); it never throws and always answers a value.
   */
  handle(handler: (name: unknown, payload: unknown) => Promise<unknown>): void;
  emit<E extends DeskEventName>(event: E, data: DeskEvents[E]): void;
};

export type DeskOptions = {
  /** main's own folder: the desk's identity (desk id, staff name). The data itself lives in the storage host. */
  dataDir: string;
  /** The wall clock; a parameter so that tests and scenarios set it. */
  clock?: () => number;
  /** One line for people (the terminal, Electron's log). */
  log?: (line: string) => void;
  /** The venue a new desk (no venue, not paired) opens; default: none, its first screen offers the demo. */
  initialVenue?: () => VenueData;
  /**
   * How the desk looks for venue hubs on the network (DNS-SD, main/sync/hubDiscovery.ts): the
   * real look in the Electron app and `npm run start:browser`; not given (tests), the desk
   * sends no multicast: its Pair screen finds no hubs and a moved hub is not looked for.
   */
  findHubs?: HubFinder;
  /**
   * "This desk also serves the venue's network" is offered (main/venueHub/deskVenueHub.ts): `{}`
   * in the Electron app and `npm run start:browser` (every interface, announced); tests give a
   * loopback address and no announcement. Not given: Setup does not offer it.
   */
  venueHub?: { host?: string; announce?: boolean; now?: () => number };
  /**
   * A desk without an endpoint asks for its first manager before its door is usable (SPEC). The
   * one way past it is this option of the desk's start, for the end-to-end tests whose desks are
   * about something else: only test code sets it (never the Electron app, `npm run start:browser`
   * or the page, whose calls cannot reach a start option). Default: asked.
   */
  firstManagerAtStart?: 'asked' | 'not-asked-by-this-test';
};

export type RunningDesk = {
  /**
   * Closes the desk's core (database, memory, sync) and opens it again on the storage host that
   * is connected: main's last line of defence after an error nobody caught (main/keepDeskAlive.ts).
   * Every acknowledged entry is in the storage host already; the memory is rebuilt from it.
   */
  restartCore(reason: string): Promise<void>;
  close(): Promise<void>;
};
