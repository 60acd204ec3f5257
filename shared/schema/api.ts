// The renderer↔main API: one map of names to payload schemas and result types, defined once.
// The preload (Electron) and the WebSocket client (browser desk) expose functions derived
// from it; main validates every payload with the same schema before anything runs.
import type { FoundHub } from '../sync/hubService';
import { z } from 'zod';
import type { Customer, ExpiryOverride, ExpiryRule, LedgerKind, Pass, Session, Venue } from './records';
import { calendarDateSchema, relativeDaysSchema, storableText, totalUsesSchema } from './records';
import type { PassState, PassTally } from '../rules/passState';
import type { IneligibilityReason } from '../rules/eligibility';
import type { HistoryItem } from '../rules/passHistory';
import type { ErrorCode, Refusal } from '../rules/errors';
import type { StaffMember } from '../staff/staffRecords';
import { staffIdSchema, staffNameSchema } from '../staff/staffRecords';
import type { StaffRole } from '../staff/staffRoles';
import type { StaffAuditProblem } from '../staff/entryAudit';
import { pinSchema } from '../staff/pinHash';
import type { NotSentReason } from '../rules/mergeReview';
import type { DeskNote } from '../rules/deskNotes';
import type { DeskLanguageChoice } from './deskLanguages';
import { deskLanguageSchema } from './deskLanguages';

const id = z.string().min(1).max(200);
// Written into ledger entries that are synced: text the endpoint cannot store is refused here.
const reason = storableText(z.string().max(500)).optional();

export const checkInInput = z.object({
  customerId: id,
  sessionId: id.nullable(),
  confirmDuplicate: z.boolean().optional(),
}).strict();

export const undoCheckInInput = z.object({ checkInId: id, reason }).strict();

export const overrideExpiryInput = z.object({
  passId: id,
  fixedDate: calendarDateSchema.optional(),
  relativeDays: relativeDaysSchema.optional(),
  reason,
}).strict().refine((input) => (input.fixedDate === undefined) !== (input.relativeDays === undefined), {
  message: 'give exactly one of fixedDate and relativeDays',
});

export const overrideUsesInput = z.object({ passId: id, total: totalUsesSchema, reason }).strict();
export const revokePassInput = z.object({ passId: id, reason }).strict();

const searchQuery = z.string().max(200);
const searchLimit = z.number().int().min(1).max(200).optional();
export const searchInput = z.object({ query: searchQuery, limit: searchLimit }).strict();
/** The door's box: the matches, and what Enter would do for the first, in one answer. */
export const findAtDoorInput = z.object({ query: searchQuery, limit: searchLimit, sessionId: id.nullable() }).strict();
/**
 * The renderer's own copy of the customer search (renderer/search/): a page of the whole
 * corpus (`after: null`, from `offset`), or the customers changed after `version` of `feed`.
 */
export const searchCorpusInput = z.object({
  feed: z.string().max(100).nullable(),
  after: z.number().int().min(0).nullable(),
  offset: z.number().int().min(0).optional(),
}).strict();
export const customerInput = z.object({ customerId: id }).strict();
export const passInput = z.object({ passId: id }).strict();
export const sessionInput = z.object({ sessionId: id }).strict();
export const previewCheckInInput = z.object({ customerId: id, sessionId: id.nullable() }).strict();
export const setStaffInput = z.object({ staff: storableText(z.string().trim().min(1).max(100)) }).strict();
/** The desk's own language, or null to speak the venue's. */
export const setLanguageInput = z.object({ language: deskLanguageSchema.nullable() }).strict();
export const loadVenueFileInput = z.object({
  text: z.string().max(512 * 1024 * 1024),
  /** The person confirmed that the demo venue this desk holds (and its practice) is discarded for this venue file. */
  replaceDemo: z.literal(true).optional(),
}).strict();
export const emptyInput = z.object({}).strict();

/** No `which`: forget every endpoint. `which`: remove only the venue hub or the internet server from the desk's list. */
export const unpairEndpointInput = z.object({ which: z.enum(['hub', 'upstream']).optional() }).strict();
/** Signing in, or a manager's step-up for one action: who, and their PIN. */
export const staffPinInput = z.object({ staffId: staffIdSchema, pin: z.string().max(20) }).strict();
/** What a customer gives the kiosk: their pass's code (scanned) or their full email. */
export const kioskCheckInInput = z.object({ identifier: z.string().trim().min(1).max(320) }).strict();
/** An admin makes the desk a kiosk; `sound`: a tone for each answer (SPEC: optional). */
export const enterKioskInput = z.object({ sound: z.boolean().optional() }).strict();
/** A desk without an endpoint: its first manager, chosen at first start (SPEC). */
export const firstManagerInput = z.object({ name: staffNameSchema, pin: pinSchema }).strict();
/** The attendance screen's sessions of one venue day (none: today). */
export const attendanceSessionsInput = z.object({ day: calendarDateSchema.optional() }).strict();
/**
 * A venue hub's certificate as a desk pins it (SPEC "The venue's network": desks talk to the hub
 * over TLS with its pinned certificate): SHA-256 of the certificate, colon-separated hex, as
 * Node's `X509Certificate.fingerprint256` writes it.
 */
export const certificateFingerprintSchema = z.string().trim().toUpperCase().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'must be a SHA-256 fingerprint AB:CD:…');

export const pairEndpointInput = z.object({
  url: z.string().trim().url().max(500).refine((url) => /^https?:\/\//.test(url), { message: 'must be an http or https address' }),
  token: z.string().trim().min(16).max(500),
  /** A hub's certificate, pinned: the desk talks to this address only if it shows this certificate (https only). */
  certificate: certificateFingerprintSchema.optional(),
  /** The person confirmed that the demo venue this desk holds (and its practice) is discarded. */
  replaceDemo: z.literal(true).optional(),
}).strict();

/** A short code typed for a hub picked from the list (shared/sync/hubPairingCode.ts reads it); the hub by its certificate, never an address the renderer gives. */
export const claimHubCodeInput = z.object({ certificate: certificateFingerprintSchema, code: z.string().max(40) }).strict();

/** The Setup switch "this desk also serves the venue's network". */
export const setVenueHubInput = z.object({ on: z.boolean() }).strict();
/** The desk the code is for, as it will be named in the hub's device list. */
export const offerHubCodeInput = z.object({ deskName: z.string().trim().min(1).max(100) }).strict();
export type VenueHubState = { on: boolean; address: string | null };

export type CheckInResult =
  | { ok: true; charged: true; checkInId: string; passId: string; remaining: number | null; expiresOn: string | null; customerId: string; sessionId: string | null }
  | { ok: true; charged: false; checkInId: string; bookingId: string; passId: string | null; customerId: string; sessionId: string | null }
  | Refusal<'already-checked-in'>
  | { ok: false; error: 'no-eligible-pass'; passes: { passId: string; reasons: IneligibilityReason[] }[] }
  | Refusal<'no-passes' | 'unknown-customer' | 'unknown-session' | 'invalid-input' | 'no-venue' | 'venue-arriving' | 'storage-full' | 'storage-lost' | 'internal'>
  | NotAllowed;

export type CommandResult<T> = ({ ok: true } & T) | Refusal;

export type PassView = {
  pass: Pass;
  state: PassState;
  /** The expiry rule now, after any override (the pass's terms keep the one it was bought with). */
  expiryRule: ExpiryRule;
};

export type CustomerOverview = {
  customer: Customer;
  /** Newest first (SPEC). */
  passes: PassView[];
};

/** What a check-in would do now, shown before the key is pressed. */
export type CheckInPreview =
  | { kind: 'attendance'; bookingId: string; alreadyCheckedIn: boolean }
  | { kind: 'redeem'; passId: string; state: PassState; alreadyCheckedIn: boolean }
  | { kind: 'no-passes'; alreadyCheckedIn: boolean }
  | { kind: 'no-eligible-pass'; passes: { passId: string; reasons: IneligibilityReason[] }[]; alreadyCheckedIn: boolean };

/** What the door shows about a customer before the key is pressed: what Enter would do, and their passes (newest first) to name it by. */
export type DoorPreview = { preview: CheckInPreview; passes: PassView[] };

export type SearchHit = { customer: Customer; matchedCode: string | null };
/** A customer as the search sees it: the record and its passes' codes. */
export type CorpusCustomer = { customer: Customer; codes: { passId: string; code: string }[] };

export type Attendee = {
  customer: Customer;
  bookingId: string | null;
  checkInIds: string[];
  arrived: boolean;
  walkIn: boolean;
};

export type RecentCheckIn = {
  checkInId: string;
  customerId: string;
  customerName: string;
  sessionId: string | null;
  passId: string | null;
  charged: boolean;
  at: string;
  undone: boolean;
};

/**
 * What is wrong with sync, by what staff can do about it: the endpoint away, busy, out of
 * disk, refusing the token, a request or an answer; too many wrong tokens from this network,
 * too many live streams of this device; entries in conflict, records left out; the venue.
 */
export const syncProblemCodes = [
  'endpoint-unreachable', 'hub-untrusted', 'endpoint-error', 'endpoint-unavailable', 'endpoint-disk-full', 'token-refused', 'too-many-failed-attempts',
  'too-many-streams', 'request-refused', 'bad-answer', 'conflicts', 'records-left-out', 'venue-mismatch', 'pairing-check',
] as const;
export type SyncProblemCode = (typeof syncProblemCodes)[number];

/** One endpoint of a desk's list: a venue hub (its certificate pinned) or the internet server (upstream). */
export type SyncEndpointEntry = { kind: 'hub' | 'upstream'; url: string; inUse: boolean };

/** What the status bar shows about the sync endpoint. */
export type SyncStatus = {
  /** The endpoint this desk is paired with, or null (the desk works the same without one). */
  endpoint: string | null;
  online: boolean;
  /** This desk's ledger entries not yet acknowledged by the endpoint. */
  waiting: number;
  /** ISO instant of the last successful exchange with the endpoint, or null. */
  lastSyncedAt: string | null;
  /**
   * While a new desk's first sync runs: records so far of how many (null when not known yet).
   * `door`: what the door needs is arriving (the desk answers nothing until it is in);
   * `history`: the desk is ready, the past ledger follows; `replication`: a desk that held data
   * already pulls what it lacks, record by record.
   */
  initial: { stage: 'door' | 'history' | 'replication'; done: number; total: number | null } | null;
  /**
   * How many of the venue's desks (this one included) the endpoint heard from in the last minute,
   * as it said at its last hello (SPEC "The venue's network"); absent when it has not said.
   */
  desksHeard?: number;
  /**
   * The endpoints this desk is paired with, in order of preference (the venue hub first, the
   * internet server second), and which one it syncs with now; absent when unpaired.
   */
  endpoints?: SyncEndpointEntry[];
  /** Why the last attempt failed, as a note the renderer puts in words (shared/rules/deskNotes.ts), or null. */
  problem: DeskNote | null;
  /** The same as a code, which the renderer and tests branch on; null when no problem. */
  problemCode: SyncProblemCode | null;
  /** What is technical about it (an HTTP status, a network error), for a Details disclosure; null when nothing. */
  problemDetails: string | null;
};

/** Whether what the desk writes is being kept (docs/crash-safety.md, "When the disk says no"). */
export type StorageHealth = {
  /**
   * Writes are NOT being saved: the last one was refused for want of space (`full`: the disk
   * or the browser's quota), or the browser deleted the desk's data (`lost`). `full` clears
   * when a write is saved again; `lost` stays until the desk is started again.
   */
  problem: 'full' | 'lost' | null;
  /** The browser promised to keep the data (persistent storage); false: it may delete it when the disk runs low; null: not known yet. */
  persistent: boolean | null;
};

export const healthyStorage: StorageHealth = { problem: null, persistent: null };

export type DeskStatus = {
  deskId: string;
  staff: string;
  venue: Venue | null;
  storage: 'connected' | 'reconnecting';
  storageHealth: StorageHealth;
  counts: { customers: number; passes: number; ledger: number };
  sync: SyncStatus;
  /**
   * This computer's clock against the endpoint's (SPEC "Clocks"): `offsetMs` is the endpoint's
   * time minus this computer's, last measured (null: never); `wrong` when it is more than ε, and
   * then the desk dates and stamps new entries from the corrected time.
   */
  clock: DeskClockStatus;
  /** Records this desk read but cannot use: kept where they are, logged, not used. */
  setAside: number;
  /** Who is signed in (null: nobody; the desk is locked when `staffRequired`). */
  signedIn: StaffMember | null;
  /** The desk has staff (the endpoint's, or its own first manager): every call but signing in needs someone signed in. */
  staffRequired: boolean;
  /**
   * A desk without an endpoint that holds a venue (the demo, a venue file) and has no staff yet:
   * it asks for its first manager before the door is usable (SPEC "A desk with no endpoint has a
   * first manager, chosen at its first start"); main answers only that and the desk's own settings.
   */
  firstManagerDue: boolean;
  /** Lock after this many minutes without a key or a click (a venue setting, default 10). */
  lockAfterMinutes: number;
  /** A self check-in kiosk: one screen for customers, left only with a manager's or admin's PIN. */
  kiosk: boolean;
  /** The kiosk plays a tone for each answer. */
  kioskSound: boolean;
  /** The desk's own language, over the venue's (Setup): a catalog's name such as de, or null to speak the venue's. */
  language: DeskLanguageChoice | null;
};

export type DeskClockStatus = { offsetMs: number | null; wrong: boolean };
export const unmeasuredClock: DeskClockStatus = { offsetMs: null, wrong: false };

/** A check-in the review list offers to undo: which desk made it, and when. */
export type ReviewCheckIn = { checkInId: string; deskId: string; at: string; passId: string | null };

/** After a merge: what needs a person (SPEC "Offline and several desks"). */
export type ReviewItem =
  | {
    kind: 'overdrawn';
    passId: string;
    productName: string;
    customerId: string;
    customerName: string;
    overdrawnBy: number;
    /** Its latest charged check-ins not undone, in clock order: undoing one gives a use back. */
    checkIns: ReviewCheckIn[];
  }
  | {
    kind: 'double-check-in';
    customerId: string;
    customerName: string;
    sessionId: string | null;
    venueDay: string;
    /** The check-ins not undone, from more than one desk; either can be undone. */
    checkIns: ReviewCheckIn[];
  }
  | {
    /** One of this desk's own entries the endpoint cannot take yet (a wrong clock), and why. */
    kind: 'not-sent';
    entryId: string;
    entryKind: LedgerKind;
    customerId: string;
    customerName: string;
    at: string;
    reason: NotSentReason;
  }
  | {
    /**
     * An entry whose author the venue's staff do not back (shared/staff/entryAudit.ts): stored and
     * counted like any other, listed for a manager to look at.
     */
    kind: 'staff-audit';
    entryId: string;
    entryKind: LedgerKind;
    customerId: string;
    customerName: string;
    at: string;
    deskId: string;
    staff: string;
    problem: StaffAuditProblem;
  };

export type ExpiryOverrideInput = z.infer<typeof overrideExpiryInput>;
export type { ExpiryOverride };

/** Every call the renderer may make: payload schema + result type. */
export const deskApi = {
  checkIn: checkInInput,
  undoCheckIn: undoCheckInInput,
  overrideExpiry: overrideExpiryInput,
  overrideUses: overrideUsesInput,
  revokePass: revokePassInput,
  previewCheckIn: previewCheckInInput,
  search: searchInput,
  findAtDoor: findAtDoorInput,
  searchCorpus: searchCorpusInput,
  customerOverview: customerInput,
  passState: passInput,
  passHistory: passInput,
  passDetail: passInput,
  sessionAttendees: sessionInput,
  exportAttendance: sessionInput,
  exportPassHistory: passInput,
  todaySessions: emptyInput,
  attendanceSessions: attendanceSessionsInput,
  recentCheckIns: emptyInput,
  deskStatus: emptyInput,
  setStaff: setStaffInput,
  setLanguage: setLanguageInput,
  loadVenueFile: loadVenueFileInput,
  openDemoVenue: emptyInput,
  pairEndpoint: pairEndpointInput,
  unpairEndpoint: unpairEndpointInput,
  findHubs: emptyInput,
  claimHubCode: claimHubCodeInput,
  venueHub: emptyInput,
  setVenueHub: setVenueHubInput,
  offerHubCode: offerHubCodeInput,
  syncReview: emptyInput,
  demoPractice: emptyInput,
  staffOnDesk: emptyInput,
  signIn: staffPinInput,
  signOut: emptyInput,
  stillHere: emptyInput,
  stepUp: staffPinInput,
  setFirstManager: firstManagerInput,
  kioskCheckIn: kioskCheckInInput,
  enterKiosk: enterKioskInput,
  leaveKiosk: staffPinInput,
} as const;

export type DeskApiName = keyof typeof deskApi;

export type DeskApiResults = {
  checkIn: CheckInResult;
  /** `remaining`: the pass's uses left after the undo (null: unlimited, or no pass). */
  undoCheckIn: CommandResult<{ passId: string | null; remaining: number | null }>;
  overrideExpiry: CommandResult<{ expiresOn: string | null; state: PassState }>;
  overrideUses: CommandResult<{ total: number; used: number; remaining: number; state: PassState }>;
  revokePass: CommandResult<{ state: PassState }>;
  previewCheckIn: CommandResult<DoorPreview>;
  search: CommandResult<{ hits: SearchHit[] }>;
  /**
   * `search` and `previewCheckIn` of its first hit (null: no hits) in one round trip, so that
   * the door paints the list and what Enter would do in the same frame.
   */
  findAtDoor: CommandResult<{ hits: SearchHit[]; previewOfFirst: DeskApiResults['previewCheckIn'] | null }>;
  /**
   * `feed` names main's change journal (a new one when main's memory is new) and `version` is
   * where it stands; `next` is the offset of the next page of a whole load (null: the last).
   * `reload`: the changes asked for are no longer kept (or `feed` is another one): load whole.
   */
  searchCorpus: CommandResult<{ feed: string; version: number; customers: CorpusCustomer[]; next: number | null; reload: boolean }>;
  customerOverview: CommandResult<{ overview: CustomerOverview }>;
  passState: CommandResult<{ view: PassView }>;
  passHistory: CommandResult<{ items: HistoryItem[] }>;
  /** A pass with its tally, for previews of an adjustment folded by the shared rules. */
  /** Dates are typed as the desk's language writes them (renderer/adjust/dateEntry.ts), so no locale here. */
  passDetail: CommandResult<{ customer: Customer; view: PassView; tally: PassTally; timeZone: string }>;
  sessionAttendees: CommandResult<{ session: Session; attendees: Attendee[] }>;
  /** SPEC: a manager "exports": a session's list for its CSV, any day (a door person's page gets a past day's by no call). */
  exportAttendance: CommandResult<{ session: Session; attendees: Attendee[] }>;
  /** A pass's whole history for its CSV (a manager's). */
  exportPassHistory: CommandResult<{ items: HistoryItem[] }>;
  todaySessions: CommandResult<{ today: string; sessions: Session[] }>;
  /**
   * The sessions of `day` (today when not asked), and every venue day up to today that has
   * sessions, newest first (at most 400), so that any past session's attendance can be picked.
   */
  attendanceSessions: CommandResult<{ today: string; day: string; days: string[]; sessions: Session[] }>;
  recentCheckIns: CommandResult<{ items: RecentCheckIn[] }>;
  deskStatus: CommandResult<{ status: DeskStatus }>;
  setStaff: CommandResult<{ staff: string }>;
  setLanguage: CommandResult<{ language: DeskLanguageChoice | null }>;
  /** `replacesDemo`: refused because the desk holds only the demo, which this file (of the venue named) would replace once confirmed. */
  loadVenueFile: CommandResult<{ counts: Record<string, number> }> | (Refusal<'invalid-input'> & { replacesDemo: { venue: string } });
  openDemoVenue: CommandResult<{ counts: Record<string, number> }>;
  pairEndpoint: CommandResult<{ status: SyncStatus }>;
  unpairEndpoint: CommandResult<{ status: SyncStatus }>;
  /** The venue hubs that answered on the network just now (DNS-SD): the Pair screen's list. */
  findHubs: CommandResult<{ hubs: FoundHub[] }>;
  /** A hub of the last look and the short code it shows: the pairing to give pairEndpoint. */
  claimHubCode: CommandResult<{ pairing: { url: string; token: string; certificate: string } }>;
  /** Whether this desk also serves the venue's network (a venue hub in its main process), and where other desks find it. */
  venueHub: CommandResult<{ hub: VenueHubState }>;
  setVenueHub: CommandResult<{ hub: VenueHubState }>;
  /** A short code of this desk's hub for another desk (ten minutes, once). */
  offerHubCode: CommandResult<{ code: string; expiresAt: string }>;
  syncReview: CommandResult<{ items: ReviewItem[] }>;
  /**
   * What pairing would discard on a desk that holds only the demo venue (refused otherwise):
   * the demo's customers and what was practised on this desk.
   */
  demoPractice: CommandResult<{ practice: DemoPractice }>;
  /**
   * The names to pick at sign-in (active staff, by name), who is signed in, whether this desk
   * may choose its first manager (no staff and no endpoint), and the wrong-PIN back-off.
   */
  staffOnDesk: CommandResult<{ staff: StaffMember[]; signedIn: StaffMember | null; required: boolean; mayChooseFirstManager: boolean; backoff: PinBackoff }>;
  signIn: CommandResult<{ staff: StaffMember }> | WrongPin;
  /** Locks the desk: nobody is signed in. */
  signOut: CommandResult<object>;
  /** The person signed in pressed a key or clicked (the page says so at most every few seconds): their idle minutes start again. */
  stillHere: CommandResult<object>;
  /** A manager or admin authorises the next action that needs their role, at another person's desk (within 2 minutes). */
  stepUp: CommandResult<{ staff: StaffMember }> | WrongPin;
  setFirstManager: CommandResult<{ staff: StaffMember }>;
  /** Only what the kiosk shows the customer (SPEC "Kiosk mode"): never another customer, never the reasons staff see. */
  kioskCheckIn: KioskResult | DeskCallRefusal;
  /** An admin makes this desk a kiosk; nobody stays signed in. */
  enterKiosk: CommandResult<object>;
  /** A manager's or admin's PIN ends kiosk mode and signs them in. */
  leaveKiosk: CommandResult<{ staff: StaffMember }> | WrongPin;
};

export type KioskResult =
  | { ok: true; outcome: 'checked-in'; firstName: string; remaining: number | null; expiresOn: string | null; sessionName: string | null }
  | { ok: true; outcome: 'booked'; firstName: string; sessionName: string | null }
  | { ok: true; outcome: 'already'; firstName: string }
  | { ok: true; outcome: 'see-front-desk' };

/** Wrong PINs slow further tries down (SPEC): `waitMs` until the next try is taken (0: at once). */
export type PinBackoff = { failures: number; waitMs: number };
export type WrongPin = Refusal<'wrong-pin'> & { backoff: PinBackoff };
/** A call the person signed in may not make: `needs` names the least role that may. */
export type NotAllowed = Refusal<'not-allowed'> & { needs: StaffRole };

/** A desk holding only the demo venue: what pairing it with a venue discards. */
export type DemoPractice = { customers: number; checkIns: number; changes: number };

/** A desk that is not paired with a sync endpoint. */
export const unpairedSyncStatus: SyncStatus = { endpoint: null, online: false, waiting: 0, lastSyncedAt: null, initial: null, problem: null, problemCode: null, problemDetails: null };

export type DeskApiInput<K extends DeskApiName> = z.input<(typeof deskApi)[K]>;

/** Each call's payload as main's handlers get it: what its schema gives after parsing (trimmed, refined). */
export type DeskApiPayloads = { [K in DeskApiName]: z.output<(typeof deskApi)[K]> };

/**
 * What any call may be answered whatever its name, by the desk itself rather than its handler
 * (main/desk/openDesk.ts): a payload its schema refuses, the venue still arriving, a write the
 * storage refused, a bug. Every result type above admits these (test/unit/deskHandlerTypes.test.ts).
 */
export type DeskCallRefusal = Refusal<'invalid-input' | 'venue-arriving' | 'storage-full' | 'storage-lost' | 'internal'> | NotAllowed;

/** Events main pushes to the renderer. */
export type DeskEvents = {
  /** Data changed (a local command or a merge): views re-query what they show. */
  changed: { collections: string[] };
  status: DeskStatus;
};
export type DeskEventName = keyof DeskEvents;

/** What the preload / WebSocket client exposes as `window.desk`. */
export type DeskClient = {
  [K in DeskApiName]: (payload: DeskApiInput<K>) => Promise<DeskApiResults[K]>;
} & {
  on<E extends DeskEventName>(event: E, listener: (data: DeskEvents[E]) => void): () => void;
};

export type { ErrorCode };
