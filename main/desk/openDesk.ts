// A desk: its database, the in-memory venue kept current, and the one entry point through
// which every call from the renderer (or the scenario runner) goes.
import type { VenueHubControl } from '../venueHub/deskVenueHub';
import type { Subscription } from 'rxjs';
import type { DeskApiName, DeskApiResults, DeskCallRefusal, DeskStatus, StorageHealth, SyncStatus } from '../../shared/schema/api';
import { healthyStorage } from '../../shared/schema/api';
import type { VenueData } from '../../shared/schema/records';
import { deskIdSchema } from '../../shared/schema/records';
import { isDeskId } from '../../shared/rules/hybridLogicalClock';
import { refuse } from '../../shared/rules/errors';
import type { DeskDatabase } from '../db/deskDatabase';
import { VenueMemory } from '../state/venueMemory';
import type { DeskIdentity } from '../state/deskContext';
import { DeskContext } from '../state/deskContext';
import { CallScheduler } from './callScheduler';
import { followChanges, loadCustomers, loadDoor, takeBundledVenue } from './loadMemory';
import { foldSearchAfterStart } from '../state/searchFold';
import { CustomersOnDemand } from '../state/customersOnDemand';
import { loadVenueData } from '../venue/loadVenue';
import type { DeskHandlers, HandlerDesk, VenueLoadResult } from './deskApiHandlers';
import { deskApiHandlers } from './deskApiHandlers';
import type { DeskCall } from './deskCall';
import { parseDeskCall } from './deskCall';
import type { DeskSyncOptions } from '../sync/deskSync';
import { DeskSync } from '../sync/deskSync';
import { storageFailureOf } from '../db/storageHealth';
import { closeStep } from './closeStep';
import { kioskCalls, leastRoleOf, notAllowed } from '../../shared/staff/leastRoles';
import { DEFAULT_LOCK_AFTER_MINUTES } from '../state/staffOnDesk';
import type { WrongPinsStore } from '../state/wrongPinsFile';
import type { SignInSession } from '../state/staffOnDesk';
import type { LedgerJournal } from '../state/ledgerJournal';
import { restoreFromJournal } from './journalRestore';

/** How often main looks whether the person signed in has been idle for the venue's minutes. */
const IDLE_CHECK_MS = 5_000;

/**
 * What a desk answers before its customers are in memory (the door opens on the venue, its
 * sessions and the entries held whole: main/desk/loadMemory.ts): its own state, the sessions
 * of today, and signing in. Every other call waits for the customers, their passes and the
 * passes' summaries, so that each rule decides on the same state as when the desk opened
 * with all of it.
 */
const answeredBeforeCustomers = new Set<DeskApiName>(['deskStatus', 'setStaff', 'setLanguage', 'todaySessions', 'staffOnDesk', 'signIn', 'signOut', 'stillHere', 'stepUp', 'setFirstManager', 'enterKiosk', 'leaveKiosk']);

/**
 * The calls about one customer that wait only for that customer before the customers' part is
 * in (main/state/customersOnDemand.ts): the door's check-in and its preview, which read the
 * customer's passes, their summaries, and what the door's part holds (sessions, bookings, the
 * entries held whole).
 */
const customerOfCall = (call: DeskCall<DeskApiName>): string | null =>
  call.name === 'checkIn' || call.name === 'previewCheckIn' ? (call.payload as { customerId: string }).customerId : null;

/** What a desk answers while its venue is still arriving: its own state, and pairing. */
const answeredWhileArriving = new Set<DeskApiName>(['deskStatus', 'setStaff', 'setLanguage', 'pairEndpoint', 'unpairEndpoint', 'findHubs', 'claimHubCode', 'venueHub', 'setVenueHub', 'offerHubCode', 'staffOnDesk', 'signIn', 'signOut', 'stillHere', 'stepUp', 'setFirstManager', 'enterKiosk', 'leaveKiosk']);

/**
 * What a desk answers while it waits for its first manager (SPEC "A desk with no endpoint has a
 * first manager, chosen at its first start"): choosing them, its own settings, pairing (whose
 * endpoint's staff then take over), and which venue it holds (the demo tried, then the venue's
 * own file: the first manager is asked for the venue that stays).
 */
const answeredBeforeFirstManager = new Set<DeskApiName>(['deskStatus', 'setStaff', 'setLanguage', 'pairEndpoint', 'unpairEndpoint', 'findHubs', 'claimHubCode', 'venueHub', 'setVenueHub', 'offerHubCode', 'staffOnDesk', 'setFirstManager', 'openDemoVenue', 'demoPractice', 'loadVenueFile']);

export type DeskChangeListener = (collections: string[]) => void;

/** A call's result, or one of the refusals the desk itself may answer to any call. */
export type DeskAnswer<K extends DeskApiName> = DeskApiResults[K] | DeskCallRefusal;

// The map seen through its type: a handler picked by a call's name takes that call's payload.
const handlers: DeskHandlers = deskApiHandlers;

export type Desk = {
  readonly context: DeskContext;
  /**
   * Resolves when the customers, their passes and the passes' summaries are in memory too: the
   * door opened before them (`openDesk` resolves on the door's part). Rejects if they could not
   * be read (the storage went away).
   */
  readonly customersIn: Promise<void>;
  /**
   * Runs one API call: the one parse of its payload (./deskCall.ts), then its handler. Never
   * throws: a bug or broken I/O becomes `internal`.
   */
  call<K extends DeskApiName>(name: K, payload: unknown): Promise<DeskAnswer<K>>;
  /** Runs a call already parsed by `parseDeskCall` (main/runDesk.ts parses before it waits for a desk). */
  answer<K extends DeskApiName>(call: DeskCall<K>): Promise<DeskAnswer<K>>;
  loadVenue(data: VenueData): Promise<VenueLoadResult>;
  status(storage: DeskStatus['storage']): DeskStatus;
  /** Pairing and replication with the venue's sync endpoint (main/sync/). */
  readonly sync: DeskSync;
  /** The venue hub this desk may serve (main/venueHub/deskVenueHub.ts); null where the host runs none. */
  readonly venueHub: VenueHubControl | null;
  /** The sync status part of the desk status. */
  syncStatus: () => SyncStatus;
  onChange(listener: DeskChangeListener): () => void;
  close(): Promise<void>;
  /** Closes the desk and removes everything its database holds (the demo's practice, replaced by a venue). */
  discard(): Promise<void>;
};

export type OpenDeskOptions = {
  db: DeskDatabase;
  identity: DeskIdentity;
  now: () => number;
  /** Saves a changed staff name (the desk identity file). */
  saveIdentity?: (identity: DeskIdentity) => Promise<void>;
  /** Makes the demo venue for "open the demo venue". */
  demoVenue?: (nowMs: number) => VenueData;
  log?: (line: string) => void;
  /** Where the pairing is kept, and (tests) the network and timings sync uses. */
  sync?: Partial<Pick<DeskSyncOptions, 'store' | 'fetch' | 'tuning' | 'resyncEveryMs' | 'findHubs' | 'failover'>>;
  /** Where the wrong PINs are kept across restarts (main's data folder); default: in memory. */
  wrongPins?: WrongPinsStore;
  /** Who is signed in, kept by the desk's host across openings of the core; default: nobody. */
  signInSession?: SignInSession;
  /** The desk locked itself after the idle minutes (the host pushes the status: the sign-in screen). */
  onLocked?: () => void;
  /** How often the idle minutes are looked at (tests); default 5 s. */
  idleCheckMs?: number;
  /** "This desk also serves the venue's network": the hub's switch, kept by the desk's host across core restarts. */
  venueHub?: VenueHubControl;
  /** Whether writes are being kept (runDesk watches the storage host); default: nothing known. */
  storageHealth?: () => StorageHealth;
  /**
   * Whether a desk without an endpoint that holds a venue asks for its first manager before its
   * door is usable: the desk's host (main/runDesk.ts) asks; a core a unit test or a scenario opens
   * has no first start. Default: not asked.
   */
  asksFirstManager?: boolean;
  /** This desk's own entries kept a second time (main's data folder); default: none (tests, scenarios). */
  journal?: LedgerJournal;
};

export async function openDesk(options: OpenDeskOptions): Promise<Desk> {
  const { db } = options;
  // Every entry this desk makes ends its stamp with its id: an id that forms no stamp is refused here, not at its first sync.
  if (!isDeskId(options.identity.deskId)) throw new Error(`cannot open a desk with the id ${JSON.stringify(options.identity.deskId)}: ${deskIdSchema.safeParse(options.identity.deskId).error?.issues[0]?.message ?? ''}`);
  const memory = new VenueMemory(options.identity.deskId);
  const context = new DeskContext(db, memory, options.identity, options.now, options.log, { wrongPins: options.wrongPins, session: options.signInSession }, options.journal);
  // Before anything is read: own entries a damaged database lost come back from the journal.
  await restoreFromJournal(db, context.journal, context.deskId, options.log);
  const scheduler = new CallScheduler();
  const closingLog = (line: string) => options.log?.(line);
  await context.staffOnDesk.load();
  await context.kiosk.load();
  const bundled = await loadDoor(db, context, options.log);
  // The door is open from here. The customers, their passes and summaries are read meanwhile,
  // then the search's names are folded between calls (main/state/searchFold.ts). Not awaited
  // on close: `discard` runs inside a call, and the fold waits for calls to end.
  let closed = false;
  const onDemand = new CustomersOnDemand(db, context.intake, bundled);
  const customersIn = loadCustomers(db, context, bundled, onDemand.readAlone, onDemand.quiet, options.log);
  customersIn.then(() => onDemand.wholeIn(), () => undefined);
  customersIn.then(
    () => foldSearchAfterStart(memory.search, scheduler.idle, () => closed),
    (error: unknown) => {
      if (!closed) options.log?.(`desk: the customers could not be read: ${error instanceof Error ? error.message : String(error)}`);
    },
  );

  // SPEC "the desk locks ... after a few idle minutes": timed here, in main, not in the page
  // (a page reloaded would start them again).
  const idleCheck = setInterval(() => {
    if (context.staffOnDesk.lockIfIdle()) options.onLocked?.();
  }, options.idleCheckMs ?? IDLE_CHECK_MS);
  idleCheck.unref?.();

  const listeners = new Set<DeskChangeListener>();
  // Change events arrive one document at a time; the renderer hears of them once per tick.
  let pending = new Set<string>();
  let scheduled = false;
  const markChanged = (collection: string) => {
    pending.add(collection);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const collections = [...pending];
      pending = new Set();
      for (const listener of listeners) listener(collections);
    }, 0);
  };
  const subscriptions: Subscription[] = followChanges(db, context, markChanged);
  // The customers' part came in without change events: the screens hear of it here.
  customersIn.then(() => {
    if (!closed) for (const collection of ['customers', 'passes', 'ledger']) markChanged(collection);
  }, () => undefined);
  const sync = new DeskSync({
    context,
    store: options.sync?.store ?? null,
    log: options.log ?? (() => undefined),
    notifyChanged: (collections) => collections.forEach(markChanged),
    idle: scheduler.idle,
    ...(options.sync?.fetch ? { fetch: options.sync.fetch } : {}),
    ...(options.sync?.tuning ? { tuning: options.sync.tuning } : {}),
    ...(options.sync?.resyncEveryMs === undefined ? {} : { resyncEveryMs: options.sync.resyncEveryMs }),
    ...(options.sync?.findHubs ? { findHubs: options.sync.findHubs } : {}),
    ...(options.sync?.failover ? { failover: options.sync.failover } : {}),
    customersIn,
  });

  /** A venue held, no endpoint, no staff: the first manager is chosen before anything else. */
  const firstManagerDue = (paired: boolean) => options.asksFirstManager === true && memory.venue !== null && context.staffOnDesk.mayChooseFirstManager(paired);

  const desk: Desk = {
    context,
    customersIn,
    venueHub: options.venueHub ?? null,
    async call(name, payload) {
      const call = parseDeskCall(name, payload);
      return call.ok ? desk.answer(call) : call;
    },
    answer: (call) => answer(call),
    async loadVenue(data) {
      await customersIn;
      const result = await loadVenueData(db, data, context.now());
      if (!result.ok) return result;
      context.intake.venue(data.venue);
      // Records written one each come back as change events; bundles are taken here.
      if (result.bundled) {
        takeBundledVenue(context, data, result.bundled);
        // No change events for records taken from bundles: the screens (and the renderer's
        // copy of the search) hear of the venue here.
        for (const collection of ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger']) markChanged(collection);
      }
      return { ok: true, counts: result.counts };
    },
    status(storage) {
      return {
        deskId: context.deskId,
        staff: context.identity.staff,
        venue: memory.venue,
        storage,
        storageHealth: options.storageHealth?.() ?? healthyStorage,
        counts: { customers: memory.customers.size, passes: memory.passes.size, ledger: memory.ledgerSize },
        sync: desk.syncStatus(),
        clock: { offsetMs: context.clock.offsetMs, wrong: context.clock.wrong },
        setAside: context.setAside.count,
        signedIn: context.staffOnDesk.signedIn,
        staffRequired: context.staffOnDesk.required,
        firstManagerDue: firstManagerDue(desk.syncStatus().endpoint !== null),
        lockAfterMinutes: memory.venue?.lockAfterMinutes ?? DEFAULT_LOCK_AFTER_MINUTES,
        kiosk: context.kiosk.on,
        kioskSound: context.kiosk.sound,
        language: context.identity.language ?? null,
      };
    },
    sync,
    syncStatus: () => sync.status(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Bounded (./closeStep.ts): a storage host that never answers again cannot hang a quit.
    async close() {
      closed = true;
      clearInterval(idleCheck);
      await closeStep('sync', () => sync.close(), closingLog);
      await closeStep('the signed-in staff\'s last writes', () => context.staffOnDesk.settled(), closingLog);
      for (const subscription of subscriptions) subscription.unsubscribe();
      listeners.clear();
      await closeStep('the database', () => db.close(), closingLog);
    },
    async discard() {
      closed = true;
      clearInterval(idleCheck);
      await closeStep('sync', () => sync.close(), closingLog);
      for (const subscription of subscriptions) subscription.unsubscribe();
      listeners.clear();
      // Every collection, its bundles and the local documents (the venue, sync checkpoints),
      // and the journal of the entries it held: none of them is to come back.
      await db.remove();
      await context.journal.clear();
    },
  };
  const handlerDesk: HandlerDesk = {
    context,
    sync,
    status: () => desk.status('connected'),
    loadVenue: (data) => desk.loadVenue(data),
    saveIdentity: options.saveIdentity,
    demoVenue: options.demoVenue,
    venueHub: options.venueHub ?? null,
  };
  /** `desk.answer`: the one place where a call's exception becomes a refusal. */
  async function answer<K extends DeskApiName>(call: DeskCall<K>): Promise<DeskAnswer<K>> {
    // A first sync in progress: memory holds part of the venue, and a partial answer (no
    // passes for a customer whose passes are on their way) would be a wrong one.
    if (memory.arriving && !answeredWhileArriving.has(call.name)) return refuse('venue-arriving');
    // SPEC: "The desk enforces this on every action, not only on its buttons": every call's
    // least role (shared/staff/leastRoles.ts), here, before its handler.
    // A kiosk answers its own calls only, whoever asks (SPEC: "cannot be left without a manager's or admin's PIN").
    if (context.kiosk.on && !kioskCalls.has(call.name)) {
      return { ...notAllowed('manager', false), note: { note: 'kiosk-only' } };
    }
    if (!answeredBeforeFirstManager.has(call.name) && firstManagerDue(await sync.hasPairing())) {
      options.log?.(`desk: ${call.name} refused: this desk's first manager is not chosen yet`);
      return { ...notAllowed('manager', false), note: { note: 'first-manager-due' } };
    }
    const admitted = context.staffOnDesk.admit(leastRoleOf[call.name]);
    if (!admitted.ok) {
      options.log?.(`desk: ${call.name} refused: it needs ${admitted.needs}, ${context.staffOnDesk.signedIn ? `${context.staffOnDesk.signedIn.name} is ${context.staffOnDesk.signedIn.role}` : 'nobody is signed in'}`);
      return notAllowed(admitted.needs, context.staffOnDesk.signedIn !== null);
    }
    const handler: DeskHandlers[K] = handlers[call.name];
    try {
      // Waited for outside `serving`: the customers' reading goes on while calls wait for it.
      // A call about one customer reads that customer alone when the bundles allow it (the
      // customers' part gives way to that read between its bundles).
      if (!answeredBeforeCustomers.has(call.name)) {
        const customerId = customerOfCall(call);
        if (customerId === null || !(await onDemand.customer(customerId))) await customersIn;
      }
      return await scheduler.serving(async () => handler(handlerDesk, call.payload));
    } catch (error) {
      // A write the storage refused whole (its transaction aborted: nothing landed) is not a
      // bug: it is said as what it is, so that the door knows the check-in was NOT saved.
      const failure = storageFailureOf(error);
      if (failure) {
        options.log?.(`desk: ${call.name} refused: the storage host could not save it (${failure === 'full' ? 'no space left' : 'its database is gone'})`);
        return refuse(failure === 'full' ? 'storage-full' : 'storage-lost');
      }
      options.log?.(`desk: ${call.name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return refuse('internal');
    } finally {
      context.staffOnDesk.done();
    }
  }
  return desk;
}
