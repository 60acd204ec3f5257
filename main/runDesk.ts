// Wires the desk's database and commands to a storage bridge and an API bridge. The same
// code runs under Electron (MessagePort + IPC) and in the browser desk (loopback WebSocket).
import type { DeskStatus } from '../shared/schema/api';
import { unmeasuredClock, unpairedSyncStatus } from '../shared/schema/api';
import { refuse } from '../shared/rules/errors';
import type { ApiBridge, DeskOptions, RunningDesk, StorageBridge, StorageConnection } from './deskHost';
import { openDeskDatabase } from './db/deskDatabase';
import type { Desk } from './desk/openDesk';
import { openDesk } from './desk/openDesk';
import { parseDeskCall } from './desk/deskCall';
import { readDeskIdentity, writeDeskIdentity } from './desk/deskIdentity';
import { demoVenueFor } from './venue/demoVenue';
import { demoPracticeOf, holdsOnlyDemo, replacesDemo } from './venue/demoOnDesk';
import { checkPairing } from './sync/pairing';
import { looksLikeCsv } from './venue/csvOnDesk';
import { parseVenueFileText } from './venue/readVenueFile';
import type { DeskApiPayloads } from '../shared/schema/api';
import type { DeskCall } from './desk/deskCall';
import { syncSettingsFile } from './sync/syncSettings';
import { wrongPinsFile } from './state/wrongPinsFile';
import { ledgerJournalFile } from './state/ledgerJournal';
import { newSignInSession } from './state/staffOnDesk';
import { deskVenueHub } from './venueHub/deskVenueHub';
import { StorageHealthWatch } from './db/storageHealth';
import { DEFAULT_LOCK_AFTER_MINUTES } from './state/staffOnDesk';
import type { DeskApiName } from '../shared/schema/api';

/** The calls after which the status (who is signed in) is pushed at once. */
const staffCalls = new Set<DeskApiName>(['signIn', 'signOut', 'stepUp', 'setFirstManager', 'enterKiosk', 'leaveKiosk']);
import { noteForLog } from '../shared/rules/deskNotes';

/** How long a call waits for the storage host to (re)connect before it is refused. */
const STORAGE_WAIT_MS = 30_000;
/** A restart of the core that could not open the database tries again after this. */
const RESTART_RETRY_MS = 5_000;

export async function runDesk(storageBridge: StorageBridge, api: ApiBridge, options: DeskOptions): Promise<RunningDesk> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? (() => Date.now());
  const identity = await readDeskIdentity(options.dataDir, log);
  const syncStore = syncSettingsFile(options.dataDir, log);
  const wrongPins = wrongPinsFile(options.dataDir, log);
  // This desk's own ledger entries, kept beside the storage host's database (a second copy).
  const journal = ledgerJournalFile(options.dataDir);
  // Who is signed in outlives an opening of the core (a reconnect of the storage host, the
  // browser desk's page reloaded), not the process.
  const signInSession = newSignInSession();
  // "This desk also serves the venue's network": outlives core restarts; started again if left on.
  // Only where the host asks for it (the Electron app, `npm run start:browser`): a test's desk
  // never listens on the network nor announces itself.
  const venueHub = options.venueHub ? deskVenueHub({ dataDir: options.dataDir, store: syncStore, log, ...options.venueHub }) : null;
  await venueHub?.resume();
  let desk: Desk | null = null;
  let opening: Promise<void> = Promise.resolve();
  let closed = false;
  const waiters = new Set<() => void>();
  /** The storage host connected now, if any: a restart of the core opens the database on it again. */
  let live: StorageConnection | null = null;
  const health = new StorageHealthWatch(log);

  const status = (): DeskStatus =>
    desk?.status('connected') ?? { deskId: identity.deskId, staff: identity.staff, venue: null, storage: 'reconnecting', storageHealth: health.health, counts: { customers: 0, passes: 0, ledger: 0 }, sync: unpairedSyncStatus, clock: unmeasuredClock, setAside: 0, signedIn: null, staffRequired: false, firstManagerDue: false, lockAfterMinutes: DEFAULT_LOCK_AFTER_MINUTES, kiosk: false, kioskSound: false, language: identity.language ?? null };
  // A full disk is said at once, on every screen, not at the next status main happens to send.
  health.onChange(() => api.emit('status', status()));

  const waitForDesk = async (): Promise<Desk | null> => {
    if (desk) return desk;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { waiters.delete(resolve); resolve(); }, STORAGE_WAIT_MS);
      waiters.add(() => { clearTimeout(timer); resolve(); });
    });
    return desk;
  };

  const connect = async (connection: StorageConnection, loadInitialVenue = true) => {
    const startedMs = Date.now();
    const db = await openDeskDatabase(connection.storage);
    const opened = await openDesk({
      db,
      identity,
      now: clock,
      saveIdentity: (changed) => writeDeskIdentity(options.dataDir, changed),
      demoVenue: demoVenueFor,
      log,
      sync: { store: syncStore, ...(options.findHubs ? { findHubs: options.findHubs } : {}) },
      wrongPins,
      signInSession,
      onLocked: () => {
        if (desk === opened) api.emit('status', status());
      },
      ...(venueHub ? { venueHub } : {}),
      storageHealth: () => health.health,
      asksFirstManager: options.firstManagerAtStart !== 'not-asked-by-this-test',
      journal,
    });
    // A venue file given at start (--venue) goes into a new desk that is not paired. The demo
    // venue is offered on the first screen, never opened by itself (SPEC "Setting up").
    const paired = (await syncStore.read().catch(() => [])).length > 0;
    const initialVenue = loadInitialVenue ? options.initialVenue : undefined;
    if (initialVenue && !opened.status('connected').venue && !paired) {
      const venue = initialVenue();
      const loaded = await opened.loadVenue(venue);
      log(loaded.ok ? `desk: no venue yet, opened ${venue.venue.name ?? venue.venue.id} (${loaded.counts.customers} customers)` : `desk: ${noteForLog(loaded.note)}`);
    }
    if (closed) {
      await opened.close();
      return;
    }
    desk = opened;
    opened.onChange((collections) => api.emit('changed', { collections }));
    opened.sync.onStatus(() => {
      if (desk === opened) api.emit('status', status());
    });
    // Replication runs beside the desk: the door does not wait for the endpoint, up or down.
    // The stored pairing is read first, so the first status the page sees already says
    // "paired" rather than flashing "not paired"; the replications start once the customers
    // are in memory too (DeskSync.resume), and the door does not wait for that.
    await new Promise<void>((shown) => {
      void opened.sync.resume(shown)
        .catch((error: unknown) => log(`sync: could not resume: ${error instanceof Error ? error.message : String(error)}`))
        .finally(shown);
    });
    log(`desk: storage connected, ready in ${Date.now() - startedMs} ms (the door; the customers follow)`);
    void opened.customersIn.then(() => {
      log(`desk: customers in memory ${Date.now() - startedMs} ms after the start (${opened.context.memory.customers.size} customers)`);
      // The status's counts were the door's until now.
      if (desk === opened) api.emit('status', status());
    }, () => undefined);
    api.emit('status', status());
    for (const wake of waiters) wake();
    waiters.clear();
    void connection.closed.then(async () => {
      if (desk !== opened) return;
      desk = null;
      log('desk: storage host gone, waiting for it to reconnect');
      api.emit('status', status());
      await opened.close().catch((error: unknown) => log(`desk: closing after the storage host left: ${String(error)}`));
    });
  };

  storageBridge.onConnection((connection) => {
    live = connection;
    health.newConnection();
    connection.signals?.subscribe((signal) => health.apply(signal));
    void connection.closed.then(() => {
      if (live === connection) live = null;
    });
    opening = opening.then(() => connect(connection)).catch((error: unknown) => {
      log(`desk: could not open the database: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  });

  /**
   * The demo and its practice removed from the database, and the core opened again on the empty
   * database: for a pairing or a venue file the person confirmed would replace the demo.
   */
  const discardDemo = async (current: Desk, reason: string): Promise<Desk | null> => {
    const practice = await demoPracticeOf(current.context);
    let reopened = false;
    opening = opening.then(async () => {
      if (desk !== current || !live) return;
      desk = null;
      api.emit('status', status());
      await current.discard();
      log(`desk: discarded the demo venue (${practice.checkIns} practice check-ins, ${practice.changes} practice changes) for ${reason}`);
      await connect(live, false);
      reopened = true;
    }).catch((error: unknown) => log(`desk: replacing the demo venue: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    await opening;
    return reopened ? desk : null;
  };

  /** The demo discarded for a replacement already checked, then the replacement on the fresh core. */
  const discardDemoThen = async (current: Desk, by: 'pairing' | 'file', reason: string, replace: (fresh: Desk) => Promise<unknown>): Promise<unknown> => {
    const fresh = await discardDemo(current, reason);
    if (!fresh) return { ...refuse('internal'), note: { note: 'demo-not-replaced', by } };
    return replace(fresh);
  };

  /** Pairing a desk that holds only the demo: the endpoint is asked first (a wrong address or token discards nothing). */
  const replaceDemoThenPair = async (current: Desk, pairing: DeskApiPayloads['pairEndpoint']): Promise<unknown> => {
    const settings = { url: pairing.url, token: pairing.token, ...(pairing.certificate ? { certificate: pairing.certificate } : {}) };
    const check = await checkPairing(settings, null);
    if (!check.ok) return check.refusal;
    return discardDemoThen(current, 'pairing', `pairing with ${settings.url}`, (fresh) => fresh.call('pairEndpoint', settings));
  };

  /** A venue file on a desk that holds only the demo: the file is checked first (a bad one discards nothing). */
  const replaceDemoThenLoad = async (current: Desk, file: DeskApiPayloads['loadVenueFile']): Promise<unknown> => {
    const load = (desk: Desk) => desk.call('loadVenueFile', { text: file.text });
    const parsed = looksLikeCsv(file.text) ? null : parseVenueFileText(file.text);
    if (!parsed?.ok || !replacesDemo(parsed.data.venue.id)) return load(current);
    return discardDemoThen(current, 'file', `the venue file of ${parsed.data.venue.id}`, load);
  };

  api.handle(async (name, payload) => {
    // Parsed before waiting for a desk: a bad call is refused at once, and the status is
    // answered while the storage host reconnects. The desk runs it as parsed (`answer`).
    const call = parseDeskCall(name, payload);
    if (!call.ok) return call;
    if (call.name === 'deskStatus' && !desk) return { ok: true, status: status() };
    const ready = await waitForDesk();
    if (!ready) return { ...refuse('internal'), note: { note: 'storage-host-disconnected' } };
    // A pairing or a venue file the person confirmed would replace the demo: only on a desk that
    // holds only the demo (anywhere else the handler answers as ever).
    if (call.name === 'pairEndpoint' || call.name === 'loadVenueFile') {
      const replacing = call as DeskCall<'pairEndpoint'> | DeskCall<'loadVenueFile'>;
      if (replacing.payload.replaceDemo === true && await holdsOnlyDemo(ready.context, ready.sync)) {
        return replacing.name === 'pairEndpoint' ? replaceDemoThenPair(ready, replacing.payload) : replaceDemoThenLoad(ready, replacing.payload);
      }
    }
    const answered = await ready.answer(call);
    // Who is signed in is part of the status every screen shows (locked or not).
    if (staffCalls.has(call.name)) api.emit('status', status());
    return answered;
  });

  /** RunningDesk.restartCore; an opening that fails is tried again while the storage host stays. */
  const restartCore = (reason: string): Promise<void> => {
    // After whatever is opening now; calls meanwhile wait for the desk as during a reconnect.
    opening = opening.then(async () => {
      const current = desk;
      desk = null;
      log(`desk: restarting the desk's core (${reason})`);
      api.emit('status', status());
      await current?.close().catch((error: unknown) => log(`desk: closing the core before its restart: ${String(error)}`));
      if (closed) return;
      if (!live) {
        log('desk: the core waits for the storage host to reconnect');
        return;
      }
      const connection = live;
      try {
        await connect(connection);
        log('desk: the desk\'s core restarted');
      } catch (error) {
        log(`desk: could not restart the core: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        setTimeout(() => {
          if (!closed && !desk && live === connection) void restartCore('again, after a restart that failed');
        }, RESTART_RETRY_MS).unref();
      }
    }).catch((error: unknown) => log(`desk: restarting the core: ${String(error)}`));
    return opening;
  };

  return {
    restartCore: (reason) => restartCore(reason),
    async close() {
      closed = true;
      await opening;
      const current = desk;
      desk = null;
      await current?.close();
      await venueHub?.close();
      await journal.close();
    },
  };
}
