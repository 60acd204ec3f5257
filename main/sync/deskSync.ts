// A desk's sync with its venue's endpoint: pairing, the live replication of a paired desk,
// explicit rounds (scenarios and tests), and the status the UI shows. A desk with no
// endpoint, or with one that is down, works the same: nothing here is on a command's path.
import type { Subscription } from 'rxjs';
import type { DeskApiResults, SyncStatus } from '../../shared/schema/api';
import type { HelloResponse } from '../../shared/schema/syncContract';
import type { Venue } from '../../shared/schema/records';
import { venueLocaleSchema, venueSchema } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import type { DeskNote } from '../../shared/rules/deskNotes';
import { noteForLog } from '../../shared/rules/deskNotes';
import { writeVenue } from '../db/deskDatabase';
import type { DeskContext } from '../state/deskContext';
import type { EndpointSettings, FetchFunction } from './syncEndpoint';
import type { SyncSettingsStore } from './syncSettings';
import type { SyncTuning } from './collectionReplication';
import { defaultTuning } from './collectionReplication';
import { SyncStatusTracker } from './syncStatusTracker';
import { SyncSession } from './syncSession';
import { LiveSync } from './liveSync';
import { downloadingFrom } from './snapshotSync';
import type { SyncRoundResult } from './syncRound';
import { runSyncRound } from './syncRound';
import type { PairingCheckOptions } from './pairing';
import { checkPairing, measureClock } from './pairing';
import { Backoff } from './backoff';
import { failureLine, problemOf } from './syncProblems';
import { retryAfterMsOf } from '../../shared/sync/syncRequest';
import { entriesMadeHere } from '../venue/demoOnDesk';
import { ClockAheadRetimer } from './clockAhead';
import { SyncEndpoint } from './syncEndpoint';
import type { HubFinder } from './hubDiscovery';
import { findHubByCertificate } from './hubDiscovery';
import { claimHubCode } from './hubCodePairing';
import type { FoundHub } from '../../shared/sync/hubService';
import type { EndpointKind } from './endpointList';
import { endpointKind, withPaired, without } from './endpointList';
import type { SyncEndpointEntry } from '../../shared/schema/api';

export type DeskSyncOptions = {
  context: DeskContext;
  /** Where the pairing is kept; null: this desk cannot be paired (it keeps no files). */
  store: SyncSettingsStore | null;
  log: (line: string) => void;
  /** Data changed by sync that the renderer should re-query (e.g. the review list after a merge). */
  notifyChanged: (collections: string[]) => void;
  fetch?: FetchFunction;
  tuning?: Partial<SyncTuning>;
  /** The live stream's periodic RESYNC (ms); 0 turns it off. */
  resyncEveryMs?: number;
  /** Resolves when no call from the renderer is under way: the first sync gives way to calls. */
  idle: (stepMs?: number) => Promise<void>;
  /**
   * How the desk looks for venue hubs on the network (DNS-SD, hubDiscovery.ts): for the Pair
   * screen's list, and for its own hub by certificate when the hub stopped answering at its
   * address. Not given (tests): no look, no multicast.
   */
  findHubs?: HubFinder;
  /** Failover between the endpoints of the list (tests shorten it). */
  failover?: Partial<FailoverTuning>;
  /**
   * Resolves when the desk's customers, passes and summaries are in memory (the door opens
   * before them: main/desk/openDesk.ts). A resumed sync starts after it: replication asks
   * memory what the desk holds, and a desk half read is no desk to ask. Not given: already in.
   */
  customersIn?: Promise<void>;
};

export type FailoverTuning = {
  /** The endpoint in use has not answered for this long (a few failed rounds): the desk turns to the next of its list. */
  afterMs: number;
  /** How often a desk on a fallback asks the preferred endpoint whether it answers again. */
  probeEveryMs: number;
  /** The failover's measure of time: performance.now(), never the desk's clock (the convergence model injects its own). */
  clockMs: () => number;
  /** On a fallback whose hub does not answer at its address: how often the desk looks for it on the network by its certificate (it may have moved). */
  lookForMovedHubEveryMs: number;
};

export const defaultFailover: FailoverTuning = { afterMs: 10_000, probeEveryMs: 5_000, clockMs: () => performance.now(), lookForMovedHubEveryMs: 30_000 };

/** Where a desk syncing in explicit rounds over its list is (`routeRound`): the list and the endpoint in use. */
type RoundsRoute = { endpoints: EndpointSettings[]; index: number };

export type RouteRoundResult = SyncRoundResult & {
  /** The endpoint the round ended on. */
  via: EndpointKind;
  /** The lines of the switches made in this round (failover or back), in order. */
  switches: string[];
};

/** `index`: which endpoint of `endpoints` (the stored list, hub first) this is. */
type Paired = { settings: EndpointSettings; endpoints: EndpointSettings[]; index: number; session: SyncSession; live: LiveSync; clockTimer: NodeJS.Timeout; failoverTimer: NodeJS.Timeout | null };

/** How often a paired desk measures its clock against the endpoint's (a hello). */
const MEASURE_CLOCK_EVERY_MS = 60_000;

export class DeskSync {
  private readonly tracker: SyncStatusTracker;
  private readonly tuning: SyncTuning;
  private readonly failover: FailoverTuning;
  private paired: Paired | null = null;
  /** Pairing, unpairing, resuming and closing run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly mergeWatch: Subscription;
  private closed = false;
  /** Bumped by every pair, unpair and close: a background task of an older one stops. */
  private generation = 0;
  /** Whether the clock was wrong at the last measurement (a change is logged and shown). */
  private clockWasWrong = false;
  /** The hubs of the last look (lookForHubs). */
  private hubsFound: FoundHub[] = [];

  constructor(private readonly options: DeskSyncOptions) {
    this.failover = { ...defaultFailover, ...options.failover };
    this.tracker = new SyncStatusTracker(options.context.now, this.failover.clockMs);
    this.tuning = { ...defaultTuning, ...options.tuning };
    // SPEC: "After a sync that merged check-ins made elsewhere, the desk lists what needs a
    // person." The review list is computed from memory, which change events keep current;
    // this tells the renderer to ask for it again.
    this.mergeWatch = options.context.db.ledger.$.subscribe((event) => {
      // Another desk's check-in can make a double (so can this desk's, confirmed after one
      // merged); an override of uses can overdraw a pass. The renderer asks at most every 2 s.
      if (event.operation === 'INSERT') options.notifyChanged(['review']);
    });
  }

  status(): SyncStatus {
    return this.tracker.snapshot();
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  /**
   * A desk with a stored pairing starts syncing at start-up; the endpoint may well be down.
   * `shown` is called once the status says whether the desk is paired (the stored pairing
   * read), before the sync waits for the customers to be in memory (`customersIn`).
   */
  resume(shown: () => void = () => undefined): Promise<void> {
    return this.serially(async () => {
      if (this.closed || !this.options.store || this.paired) return;
      const endpoints = await this.options.store.read();
      const settings = endpoints[0];
      if (!settings) return;
      this.tracker.paired(settings.url, () => 0, entriesOf(endpoints, 0));
      shown();
      await this.options.customersIn;
      if (this.closed || this.paired) return;
      const venue = this.options.context.venue;
      if (!venue) {
        // Paired, but the data is gone (a new browser profile, say): the venue comes from the endpoint.
        this.tracker.paired(settings.url, () => 0, entriesOf(endpoints, 0));
        void this.fetchVenueThenStart(endpoints, this.generation);
        return;
      }
      // A first download that did not finish goes on from the endpoint it came from (see `keepsDownloading`).
      const downloading = await downloadingFrom(this.options.context);
      const index = Math.max(0, endpoints.findIndex((each) => each.url === downloading));
      let expected!: (count: number | null) => void;
      const paired = await this.startLive(endpoints, index, venue, new Promise((resolve) => { expected = resolve; }));
      void this.checkEndpointLater(paired, venue).then(expected);
    });
  }

  pair(settings: EndpointSettings): Promise<DeskApiResults['pairEndpoint']> {
    return this.serially(async () => {
      if (!this.options.store) return { ...refuse('endpoint-refused'), note: { note: 'no-data-folder' } };
      const { context } = this.options;
      const check = await checkPairing(settings, context.venue, this.checkOptions());
      this.noteClock();
      if (check.ok) this.tracker.heardDesks(check.hello);
      if (!check.ok && check.venueMismatch && context.venue && !this.paired) {
        // Never wiped: entries made here and never sent anywhere stay, and the sentence says so.
        const made = await entriesMadeHere(context);
        if (made.checkIns + made.changes > 0) return { ...check.refusal, note: { note: 'unsynced-entries-kept', venue: context.venue.name ?? context.venue.id, ...made } };
      }
      if (!check.ok) return check.refusal;
      if (await this.keepsDownloading(settings)) {
        const venue = await this.adoptVenue(check.hello.venue);
        const endpoints = withPaired(await this.options.store.read(), settings);
        await this.options.store.write(endpoints);
        this.listWhileDownloading(this.paired!, endpoints);
        this.options.log(`sync: paired with ${settings.url} (${endpointKind(settings)}) for venue ${venue.id} as device ${check.hello.deviceId}; endpoints in order: ${endpoints.map((each) => each.url).join(', ')}; the first download from ${this.paired!.settings.url} finishes first`);
        return { ok: true, status: this.tracker.snapshot() };
      }
      this.generation += 1;
      await this.stopLive();
      // The venue first: a desk that stops in between is unpaired, never paired without a venue.
      const venue = await this.adoptVenue(check.hello.venue);
      // Pairing with a hub keeps the internet server, and the other way round: hub first.
      const endpoints = withPaired(await this.options.store.read(), settings);
      await this.options.store.write(endpoints);
      this.options.log(`sync: paired with ${settings.url} (${endpointKind(settings)}) for venue ${venue.id} as device ${check.hello.deviceId}; endpoints in order: ${endpoints.map((each) => each.url).join(', ')}`);
      // The one just checked is in use at once; the list's order takes over from there (a desk on upstream probes the hub).
      const index = endpoints.indexOf(settings);
      await this.startLive(endpoints, index, venue, Promise.resolve(totalOf(check.hello)));
      return { ok: true, status: this.tracker.snapshot() };
    });
  }

  /**
   * Whether pairing with `settings` leaves the live sync as it is: it is taking its first download
   * (a snapshot) from the endpoint in use, and `settings` is of the other kind, so that endpoint
   * stays in the list. Stopped there, the download would start again from nothing at the new one
   * (snapshotSync.ts `downloadingFrom`): what arrived is kept, and the desk turns to the new
   * endpoint by the list's order once the download is in.
   */
  private async keepsDownloading(settings: EndpointSettings): Promise<boolean> {
    const paired = this.paired;
    if (!paired || endpointKind(paired.settings) === endpointKind(settings)) return false;
    return await downloadingFrom(this.options.context) === paired.settings.url;
  }

  /** The live sync in use goes on with the endpoint it has, now the one of `endpoints` it is; the list's failover watches from here. */
  private listWhileDownloading(paired: Paired, endpoints: EndpointSettings[]): void {
    if (paired.failoverTimer) clearInterval(paired.failoverTimer);
    const index = endpoints.findIndex((each) => each.url === paired.settings.url);
    const kept: Paired = { ...paired, endpoints, index, failoverTimer: null };
    this.watchFailover(kept);
    this.paired = kept;
    this.tracker.listed(entriesOf(endpoints, index));
  }

  private watchFailover(paired: Paired): void {
    if (paired.endpoints.length < 2) return;
    paired.failoverTimer = setInterval(() => void this.watchRoute(paired), Math.min(1_000, this.failover.afterMs / 4, this.failover.probeEveryMs));
    paired.failoverTimer.unref();
  }

  /** The venue hubs on the network now (the Pair screen's list); remembered, since a short code is claimed only at a hub the desk found itself. */
  async lookForHubs(): Promise<FoundHub[]> {
    this.hubsFound = this.options.findHubs ? await this.options.findHubs({}).catch(() => []) : [];
    return this.hubsFound;
  }

  /** The pairing a hub found in the last look gives for its short code (shared/sync/hubPairingCode.ts); the renderer pairs with it as with a long code. */
  async claimHubCode(certificate: string, code: string): Promise<DeskApiResults['claimHubCode']> {
    const hub = this.hubsFound.find((found) => found.certificate === certificate.toUpperCase());
    if (!hub) return { ...refuse('endpoint-unreachable'), note: { note: 'hub-gone' } };
    const claim = await claimHubCode(hub, code);
    if (claim.ok) return { ok: true, pairing: { url: claim.settings.url, token: claim.settings.token, certificate: hub.certificate } };
    switch (claim.reason) {
      case 'not-a-code':
        return { ...refuse('invalid-input'), note: { note: 'hub-code-unreadable' } };
      case 'wrong-code':
        return { ...refuse('endpoint-refused'), note: { note: 'hub-code-wrong' } };
      case 'impostor':
        return { ...refuse('endpoint-refused'), note: { note: 'hub-untrusted-pairing' } };
      case 'failed': {
        const failure = claim.failure;
        const note: DeskNote = failure.kind === 'untrusted' ? { note: 'hub-untrusted-pairing' } : failure.kind === 'limited' ? { note: 'token-attempts-limited' } : { note: 'hub-gone' };
        return { ...refuse(failure.kind === 'unreachable' ? 'endpoint-unreachable' : 'endpoint-refused'), note, details: failure.message };
      }
    }
  }

  /** Whether a pairing is stored (a paired desk whose endpoint is down is still paired). */
  async hasPairing(): Promise<boolean> {
    if (this.paired) return true;
    return (await this.options.store?.read().catch(() => []) ?? []).length > 0;
  }

  /** Forgets every endpoint, or only the one of `kind` (an admin's choice in Setup): the desk syncs with what is left. */
  unpair(kind?: EndpointKind): Promise<DeskApiResults['unpairEndpoint']> {
    return this.serially(async () => {
      const endpoints = kind === undefined ? [] : without(await this.options.store?.read() ?? [], kind);
      this.generation += 1;
      await this.stopLive();
      await this.options.store?.write(endpoints);
      const venue = this.options.context.venue;
      if (endpoints.length > 0) {
        this.options.log(`sync: the ${kind === 'hub' ? 'venue hub' : 'internet server'} was removed from this desk's endpoints; it syncs with ${endpoints[0]!.url}`);
        if (venue) {
          await this.startLive(endpoints, 0, venue, Promise.resolve(null));
        } else {
          this.tracker.paired(endpoints[0]!.url, () => 0, entriesOf(endpoints, 0));
          void this.fetchVenueThenStart(endpoints, this.generation);
        }
        return { ok: true, status: this.tracker.snapshot() };
      }
      this.tracker.paired(null, () => 0);
      this.options.log('sync: unpaired; this desk works on its own');
      return { ok: true, status: this.tracker.snapshot() };
    });
  }

  /**
   * One explicit round against an endpoint (scenarios and tests drive desks this way: which
   * desk syncs when, over which network). Not for a desk that is syncing live.
   */
  syncRound(settings: EndpointSettings, fetch?: FetchFunction): Promise<SyncRoundResult> {
    return this.serially(async () => {
      const venue = this.options.context.venue;
      if (!venue) return { ok: false, moved: 0, problem: 'no venue on this desk' };
      if (this.paired) return { ok: false, moved: 0, problem: 'this desk syncs live' };
      const session = this.sessionFor(settings, venue, fetch ?? this.options.fetch);
      await session.open();
      try {
        return await runSyncRound(session);
      } finally {
        session.close();
      }
    });
  }

  /** The route of `routeRound`, kept from round to round while the list stays the same. */
  private roundsRoute: RoundsRoute | null = null;

  /**
   * One explicit round over the desk's ordered endpoints, switching between them exactly as the
   * live sync does (`nextRoute`): the convergence model drives desks this way, with the hub
   * dropped, killed or cut and its clock (`failover.clockMs`) moved on. A round whose endpoint
   * stopped answering part-way goes on with the endpoint the route turns to, from that one's
   * own checkpoints.
   */
  routeRound(endpoints: EndpointSettings[], fetch?: FetchFunction): Promise<RouteRoundResult> {
    return this.serially(async () => {
      const venue = this.options.context.venue;
      const first = endpoints[0];
      if (!venue || !first) return { ok: false, moved: 0, problem: 'no venue or no endpoint on this desk', via: 'upstream', switches: [] };
      if (this.paired) return { ok: false, moved: 0, problem: 'this desk syncs live', via: endpointKind(first), switches: [] };
      if (!this.roundsRoute || JSON.stringify(this.roundsRoute.endpoints) !== JSON.stringify(endpoints)) {
        this.roundsRoute = { endpoints, index: 0 };
        this.tracker.paired(first.url, () => 0, entriesOf(endpoints, 0));
      }
      const route = this.roundsRoute;
      const switches: string[] = [];
      const turn = async () => {
        const next = await this.nextRoute(route, venue, fetch);
        if (!next) return false;
        switches.push(next.line);
        this.options.log(next.line);
        route.index = next.index;
        this.lastProbeMs = this.failover.clockMs();
        this.tracker.switched(endpoints[next.index]!.url, () => 0, entriesOf(endpoints, next.index));
        if (next.refusedCertificate) this.tracker.standbyProblem(failureLine({ kind: 'untrusted', message: `${endpoints[0]!.url}: the certificate is not the pinned one` }, { note: 'sync-hub-untrusted-standby' }));
        return true;
      };
      await turn();
      let moved = 0;
      for (;;) {
        const session = this.sessionFor(endpoints[route.index]!, venue, fetch ?? this.options.fetch);
        await session.open();
        let result: SyncRoundResult;
        try {
          result = await runSyncRound(session);
        } finally {
          session.close();
        }
        moved += result.moved;
        // Cut off part-way: the rest of the round goes to the endpoint the route turns to, if it turns.
        if (result.ok || !(await turn())) return { ...result, moved, via: endpointKind(endpoints[route.index]!), switches };
      }
    });
  }

  close(): Promise<void> {
    return this.serially(async () => {
      this.closed = true;
      this.generation += 1;
      this.mergeWatch.unsubscribe();
      await this.stopLive();
    });
  }

  /**
   * Syncs live with `endpoints[index]`. `switching`: the desk turns from another endpoint of its
   * list (failover or back), so what the status bar knows of the venue's data stays.
   */
  private async startLive(endpoints: EndpointSettings[], index: number, venue: Venue, expectedDocuments: Promise<number | null>, switching = false): Promise<Paired> {
    const settings = endpoints[index]!;
    const session = this.sessionFor(settings, venue, this.options.fetch);
    if (switching) this.tracker.switched(settings.url, () => session.acknowledgement.waiting, entriesOf(endpoints, index));
    else this.tracker.paired(settings.url, () => session.acknowledgement.waiting, entriesOf(endpoints, index));
    await session.open();
    await this.restoreLastSynced(session);
    const live = new LiveSync({
      context: this.options.context,
      notifyChanged: this.options.notifyChanged,
      session,
      tracker: this.tracker,
      log: this.options.log,
      expectedDocuments,
      idle: this.options.idle,
      switched: switching,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.resyncEveryMs === undefined ? {} : { resyncEveryMs: this.options.resyncEveryMs }),
    });
    const clockTimer = setInterval(() => {
      void this.measureClock(settings);
      void this.refreshStaff(settings);
    }, MEASURE_CLOCK_EVERY_MS);
    clockTimer.unref();
    const paired: Paired = { settings, endpoints, index, session, live, clockTimer, failoverTimer: null };
    this.watchFailover(paired);
    this.paired = paired;
    live.start();
    void this.refreshStaff(settings);
    void this.measureClock(settings);
    return paired;
  }

  /**
   * The venue's staff with their PIN hashes (GET /sync/staff), at pairing, at start and every
   * minute with the clock: kept on the desk, so that signing in works offline. Unreachable:
   * the desk keeps the staff it has. The hashes are never logged.
   */
  private async refreshStaff(settings: EndpointSettings): Promise<void> {
    const endpoint = new SyncEndpoint(settings, { timeoutMs: 10_000, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    const answer = await endpoint.call('staff', { params: {} });
    if (!answer.ok) return;
    try {
      const before = JSON.stringify([this.options.context.staffOnDesk.members(), this.options.context.staffOnDesk.signedIn]);
      await this.options.context.staffOnDesk.fromEndpoint(answer.value.staff);
      if (JSON.stringify([this.options.context.staffOnDesk.members(), this.options.context.staffOnDesk.signedIn]) !== before) this.tracker.changed();
    } catch (error) {
      this.options.log(`sync: could not keep the venue's staff: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** "Last synced" outlives a restart: it is stored per pairing, now and then. */
  private async restoreLastSynced(session: SyncSession): Promise<void> {
    const { db } = this.options.context;
    const documentId = session.localDocumentId('sync-last');
    const stored = await db.getLocal<LastSynced>(documentId).catch(() => null);
    const at = stored ? (stored.toJSON().data as LastSynced).at : null;
    this.tracker.rememberLastSynced(typeof at === 'string' ? at : null, (next) => {
      db.upsertLocal<LastSynced>(documentId, { at: next }).catch((error: unknown) => {
        this.options.log(`sync: could not store the time of the last sync: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  }

  private async stopLive(): Promise<void> {
    const paired = this.paired;
    this.paired = null;
    if (!paired) return;
    clearInterval(paired.clockTimer);
    if (paired.failoverTimer) clearInterval(paired.failoverTimer);
    await paired.live.stop();
    paired.session.close();
  }

  private sessionFor(settings: EndpointSettings, venue: Venue, fetch: FetchFunction | undefined): SyncSession {
    const { db, memory, ledger } = this.options.context;
    return new SyncSession({
      db,
      // An endpoint that sends a bulk load's entries again sends them about in the order they
      // were loaded, a bundle's worth after another: the ledger reader keeps the last read.
      ledger,
      isHeld: (collection, id) => memory[collection].has(id),
      deskId: this.options.context.deskId,
      venueId: venue.id,
      settings,
      tracker: this.tracker,
      tuning: this.tuning,
      log: this.options.log,
      ...(fetch ? { fetch } : {}),
      retimer: new ClockAheadRetimer(this.options.context, async () => {
        const measured = await measureClock(settings, this.options.context.clock, fetch ? { fetch } : {});
        if (measured) this.noteClock();
        return measured;
      }, this.options.log, () => this.options.notifyChanged(['review'])),
    });
  }

  /** The endpoint's venue becomes this desk's (a new desk holds none; the endpoint's details win). */
  private async adoptVenue(served: HelloResponse['venue']): Promise<Venue> {
    const { context } = this.options;
    // A locale this desk cannot read is not taken: the desk writes dates its default way (en-GB).
    const locale = venueLocaleSchema.safeParse(served.locale);
    // Idle minutes out of the schema's range are not taken either: the desk's default, 10.
    const lock = venueSchema.shape.lockAfterMinutes.safeParse(served.lockAfterMinutes);
    const venue: Venue = {
      id: served.id, timeZone: served.timeZone, ...(served.name ? { name: served.name } : {}), ...(locale.success && locale.data ? { locale: locale.data } : {}),
      ...(lock.success && lock.data !== undefined ? { lockAfterMinutes: lock.data } : {}),
    };
    const held = context.venue;
    if (!held || held.timeZone !== venue.timeZone || held.name !== venue.name || held.locale !== venue.locale || held.lockAfterMinutes !== venue.lockAfterMinutes) {
      await writeVenue(context.db, venue);
      context.intake.venue(venue);
    }
    return context.memory.venue ?? venue;
  }

  /**
   * At start-up the endpoint is asked, without holding anything up, how much there is (for a
   * first sync's progress) and whether it still serves this desk's venue.
   */
  private async checkEndpointLater(paired: Paired, venue: Venue): Promise<number | null> {
    const check = await checkPairing(paired.settings, venue, this.checkOptions());
    this.noteClock();
    if (check.ok) return totalOf(check.hello);
    if (check.venueMismatch) {
      const note: DeskNote = check.refusal.note ?? { note: 'venue-mismatch', held: venue.id, served: '?' };
      this.options.log(`sync: stopped: ${noteForLog(note)}`);
      await this.serially(async () => {
        if (this.paired !== paired) return;
        await this.stopLive();
        this.tracker.stuck('venue-mismatch', note);
      });
    }
    return null;
  }

  /** The venue from the first endpoint of the list that answers, asked in order. */
  private async fetchVenueThenStart(endpoints: EndpointSettings[], generation: number): Promise<void> {
    const backoff = new Backoff({ initialMs: this.tuning.retryInitialMs, maxMs: this.tuning.retryMaxMs });
    let attempt = 0;
    while (generation === this.generation) {
      const index = attempt % endpoints.length;
      attempt += 1;
      const check = await checkPairing(endpoints[index]!, null, this.checkOptions());
      this.noteClock();
      if (check.ok) {
        await this.serially(async () => {
          if (generation !== this.generation || this.paired) return;
          const venue = await this.adoptVenue(check.hello.venue);
          await this.startLive(endpoints, index, venue, Promise.resolve(totalOf(check.hello)));
        });
        return;
      }
      if (index < endpoints.length - 1) continue;
      this.tracker.stuck(check.failure ? problemOf(check.failure) : 'pairing-check', check.refusal.note ?? { note: 'endpoint-no-answer' }, check.refusal.details ?? null);
      // Never sooner than the endpoint asked (Retry-After).
      await new Promise((resolve) => setTimeout(resolve, backoff.next(check.failure ? retryAfterMsOf(check.failure) : 0)).unref());
    }
  }

  /**
   * Failover and back (SPEC "The venue's network"): on the preferred endpoint (the hub), a few
   * failed rounds without an answer turn the desk to the next of its list; a certificate that
   * is not the pinned one does at once, and is said. On a fallback, the preferred endpoint is
   * asked now and then, and the desk goes back as soon as it answers. Checkpoints belong to
   * each endpoint (main/sync/syncSession.ts), so a switch neither skips nor repeats a pull.
   */
  private probing = false;
  private lastProbeMs = 0;
  /** Whether the preferred endpoint gave no answer at all at the last probe (it may have moved). */
  private preferredUnreachable = false;

  private async watchRoute(paired: Paired): Promise<void> {
    if (this.paired !== paired || this.probing) return;
    const venue = this.options.context.venue;
    if (!venue) return;
    const next = await this.nextRoute(paired, venue, this.options.fetch);
    if (next) await this.switchRoute(paired, next.index, next.line, next.refusedCertificate);
    else if (paired.index > 0 && this.preferredUnreachable) await this.lookForMovedStandby(paired);
  }

  /** When the desk last looked for its hub on the network while on a fallback (the failover clock). */
  private lastMovedLookMs = -Infinity;

  /**
   * On a fallback, a hub that does not answer at its address may be up at another (a new DHCP
   * lease): now and then the desk looks for its certificate on the network, and goes back to it
   * at the new address, without waiting for the fallback to fail too.
   */
  private async lookForMovedStandby(paired: Paired): Promise<void> {
    const nowMs = this.failover.clockMs();
    if (nowMs - this.lastMovedLookMs < this.failover.lookForMovedHubEveryMs) return;
    this.lastMovedLookMs = nowMs;
    this.probing = true;
    try {
      await this.lookForMovedHub(paired.endpoints[0]!);
    } finally {
      this.probing = false;
    }
  }

  /**
   * The one rule of switching, live or in rounds: the endpoint of the list to turn to now, or
   * null to stay. On a fallback, the preferred endpoint is asked (at most every `probeEveryMs`)
   * and taken back as soon as it answers; on the preferred one, the next after `afterMs`
   * without an answer, or at once after a certificate that is not the pinned one.
   */
  private async nextRoute(route: { endpoints: EndpointSettings[]; index: number }, venue: Venue, fetch: FetchFunction | undefined): Promise<{ index: number; line: string; refusedCertificate: boolean } | null> {
    const current = route.endpoints[route.index]!;
    if (route.endpoints.length < 2) return null;
    if (route.index > 0) {
      const nowMs = this.failover.clockMs();
      if (this.probing || nowMs - this.lastProbeMs < this.failover.probeEveryMs) return null;
      // Not back while the first download comes from this endpoint and it answers: it would start
      // again from nothing there. An endpoint silent for `afterMs` is left all the same: the venue's
      // desks in reach through the hub matter more than the download's progress.
      if (this.tracker.unanswered().forMs < this.failover.afterMs && await downloadingFrom(this.options.context) === current.url) return null;
      this.lastProbeMs = nowMs;
      this.probing = true;
      try {
        const preferred = route.endpoints[0]!;
        const check = await checkPairing(preferred, venue, { timeoutMs: Math.max(1_000, this.failover.afterMs / 2), ...(fetch ? { fetch } : {}) });
        this.preferredUnreachable = !check.ok && check.failure?.kind === 'unreachable';
        if (check.ok) return { index: 0, line: `sync: ${preferred.url} answers again; syncing with it`, refusedCertificate: false };
        const refused = check.failure?.kind === 'untrusted';
        if (refused && !this.tracker.unanswered().standbyRefused) this.options.log(`sync: ${preferred.url} showed a certificate that is not the one this desk was paired with; staying with ${current.url}`);
        this.tracker.standbyProblem(refused ? failureLine(check.failure!, { note: 'sync-hub-untrusted-standby' }) : null);
        return null;
      } finally {
        this.probing = false;
      }
    }
    const unanswered = this.tracker.unanswered();
    if (!unanswered.refusedCertificate && unanswered.forMs < this.failover.afterMs) return null;
    const next = route.endpoints[1]!;
    const why = unanswered.refusedCertificate ? 'showed a certificate that is not the one this desk was paired with' : `has not answered for ${Math.round(unanswered.forMs / 1000)} s`;
    return { index: 1, line: `sync: ${current.url} ${why}; syncing with ${next.url} meanwhile`, refusedCertificate: unanswered.refusedCertificate };
  }

  private async switchRoute(paired: Paired, index: number, line: string, refusedCertificate = false): Promise<void> {
    await this.serially(async () => {
      const venue = this.options.context.venue;
      if (this.paired !== paired || this.closed || !venue) return;
      this.options.log(line);
      this.generation += 1;
      await this.stopLive();
      this.lastProbeMs = this.failover.clockMs();
      await this.startLive(paired.endpoints, index, venue, Promise.resolve(null), true);
      if (refusedCertificate) this.tracker.standbyProblem(failureLine({ kind: 'untrusted', message: `${paired.settings.url}: the certificate is not the pinned one` }, { note: 'sync-hub-untrusted-standby' }));
    });
  }

  /** SPEC "Clocks": "a desk whose clock is off from the endpoint's says so until it is fixed". */
  /** Every minute while paired: the endpoint's time (SPEC "Clocks") and how many of the venue's desks it heard from. */
  private async measureClock(settings: EndpointSettings): Promise<void> {
    const check = await checkPairing(settings, null, this.checkOptions());
    if (!check.ok) {
      if (check.failure?.kind === 'unreachable') await this.lookForMovedHub(settings);
      return;
    }
    this.noteClock();
    this.tracker.heardDesks(check.hello);
  }

  /**
   * A venue hub that no longer answers at its address may have another one (a new DHCP lease):
   * the desk looks for its certificate on the network and pairs again at the new address. The
   * pin is unchanged, so whatever answers there gets nothing unless it shows that certificate.
   */
  private async lookForMovedHub(settings: EndpointSettings): Promise<void> {
    const { findHubs } = this.options;
    if (!findHubs || settings.certificate === undefined) return;
    const found = await findHubByCertificate(settings.certificate, undefined, findHubs).catch(() => null);
    // The hub in use, or the one on standby while the desk is on a fallback.
    if (!found || found.url === settings.url || !this.paired?.endpoints.includes(settings)) return;
    this.options.log(`sync: the venue hub with this desk's certificate answers at ${found.url} now (it was at ${settings.url})`);
    const moved = await this.pair({ ...settings, url: found.url });
    if (!moved.ok) this.options.log(`sync: the venue hub at ${found.url} could not be used: ${moved.note ? noteForLog(moved.note) : moved.error}`);
  }

  /** The status bar hears at once when the clock turns out wrong, or right again. */
  private noteClock(): void {
    const { clock } = this.options.context;
    if (clock.wrong === this.clockWasWrong) return;
    this.clockWasWrong = clock.wrong;
    const offset = clock.offsetMs ?? 0;
    this.options.log(clock.wrong
      ? `desk: this computer's clock is ${Math.round(Math.abs(offset) / 1000)} s ${offset < 0 ? 'fast' : 'slow'} against the endpoint's; new entries are dated from the endpoint's time`
      : 'desk: this computer\'s clock agrees with the endpoint\'s');
    this.tracker.changed();
  }

  /** Every hello measures this computer's clock against the endpoint's. */
  private checkOptions(): PairingCheckOptions {
    return { clock: this.options.context.clock, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) };
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

type LastSynced = { at: string };

function entriesOf(endpoints: readonly EndpointSettings[], inUse: number): SyncEndpointEntry[] {
  return endpoints.map((settings, index) => ({ kind: endpointKind(settings), url: settings.url, inUse: index === inUse }));
}

function totalOf(hello: HelloResponse): number | null {
  const counts = Object.values(hello.counts);
  return counts.length === 0 ? null : counts.reduce((sum, count) => sum + (count ?? 0), 0);
}

