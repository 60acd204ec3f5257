// The API map's implementations: one handler per name of `deskApi` (shared/schema/api.ts),
// typed by it. A handler gets its call's payload already parsed by the call's schema
// (`desk.call`, ./openDesk.ts) and must answer that call's result type: wiring a handler to
// another call's query, or answering a misspelt field, does not compile
// (test/unit/deskHandlerTypes.test.ts).
import type { VenueHubControl } from '../venueHub/deskVenueHub';
import type { DeskApiName, DeskApiPayloads, DeskApiResults, DeskStatus } from '../../shared/schema/api';
import type { VenueData } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import type { DeskNote } from '../../shared/rules/deskNotes';
import { checkIn } from '../commands/checkIn';
import { undoCheckIn } from '../commands/undoCheckIn';
import { overrideExpiry } from '../commands/overrideExpiry';
import { overrideUses } from '../commands/overrideUses';
import { revokePass } from '../commands/revokePass';
import { customerOverview, findAtDoor, passHistory, passState, previewCheckIn, search } from '../queries/customerQueries';
import { attendanceSessions, recentCheckIns, sessionAttendees, todaySessions } from '../queries/sessionQueries';
import { syncReview } from '../queries/syncReview';
import { passDetail } from '../queries/passDetail';
import { searchCorpus } from '../queries/searchCorpus';
import { parseVenueFileText, venueFileProblemLines } from '../venue/readVenueFile';
import type { VenueCounts } from '../venue/loadVenue';
import type { DeskSync } from '../sync/deskSync';
import type { DeskContext, DeskIdentity } from '../state/deskContext';
import { demoPracticeOf, holdsOnlyDemo, replacesDemo } from '../venue/demoOnDesk';
import { csvVenueData, looksLikeCsv } from '../venue/csvOnDesk';
import { DEMO_VENUE_ID } from '../../shared/venue/demoVenueId';
import { randomUUID } from 'node:crypto';
import type { PinCheck } from '../state/staffOnDesk';
import type { WrongPin } from '../../shared/schema/api';
import type { StaffMember } from '../../shared/staff/staffRecords';
import type { Refusal } from '../../shared/rules/errors';
import { notAllowed } from '../../shared/staff/leastRoles';
import { roleReaches } from '../../shared/staff/staffRoles';
import { kioskCheckIn } from '../commands/kioskCheckIn';

export type VenueLoadResult = { ok: true; counts: VenueCounts } | { ok: false; note: DeskNote };

/** What a handler reaches of its desk (openDesk.ts builds it). */
export type HandlerDesk = {
  readonly context: DeskContext;
  readonly sync: DeskSync;
  status(): DeskStatus;
  loadVenue(data: VenueData): Promise<VenueLoadResult>;
  /** Saves a changed staff name (the desk identity file). */
  saveIdentity?: ((identity: DeskIdentity) => Promise<void>) | undefined;
  /** Makes the demo venue for "open the demo venue". */
  demoVenue?: ((nowMs: number) => VenueData) | undefined;
  /** The venue hub this desk may serve (main/venueHub/deskVenueHub.ts); null where the host runs none. */
  venueHub: VenueHubControl | null;
};

/** For each call of the API map: its parsed payload in, its result type out. */
export type DeskHandlers = {
  [K in DeskApiName]: (desk: HandlerDesk, payload: DeskApiPayloads[K]) => DeskApiResults[K] | Promise<DeskApiResults[K]>;
};

export const deskApiHandlers = {
  checkIn: (desk, payload) => checkIn(desk.context, payload),
  undoCheckIn: (desk, payload) => undoCheckIn(desk.context, payload),
  overrideExpiry: (desk, payload) => overrideExpiry(desk.context, payload),
  overrideUses: (desk, payload) => overrideUses(desk.context, payload),
  revokePass: (desk, payload) => revokePass(desk.context, payload),
  previewCheckIn: (desk, payload) => previewCheckIn(desk.context, payload),
  search: (desk, payload) => search(desk.context, payload),
  findAtDoor: (desk, payload) => findAtDoor(desk.context, payload),
  searchCorpus: (desk, payload) => searchCorpus(desk.context, payload),
  customerOverview: (desk, payload) => customerOverview(desk.context, payload),
  passState: (desk, payload) => passState(desk.context, payload),
  passHistory: (desk, payload) => passHistory(desk.context, payload),
  passDetail: (desk, payload) => passDetail(desk.context, payload),
  sessionAttendees: (desk, payload) => sessionAttendees(desk.context, payload),
  // The exports' data, by calls of their own that need a manager (shared/staff/leastRoles.ts).
  exportAttendance: (desk, payload) => sessionAttendees(desk.context, payload),
  exportPassHistory: (desk, payload) => passHistory(desk.context, payload),
  todaySessions: (desk) => todaySessions(desk.context),
  attendanceSessions: (desk, payload) => attendanceSessions(desk.context, payload),
  recentCheckIns: (desk) => recentCheckIns(desk.context),
  deskStatus: (desk) => ({ ok: true, status: desk.status() }),
  async setStaff(desk, { staff }) {
    desk.context.identity.staff = staff;
    await desk.saveIdentity?.(desk.context.identity);
    return { ok: true, staff };
  },
  async setLanguage(desk, { language }) {
    const { identity } = desk.context;
    if (language === null) delete identity.language;
    else identity.language = language;
    await desk.saveIdentity?.(identity);
    return { ok: true, language };
  },
  async loadVenueFile(desk, { text, replaceDemo }) {
    // A CSV of one collection (customers, products, passes, sessions, bookings), as the endpoint takes it.
    if (looksLikeCsv(text)) {
      const csv = csvVenueData(desk.context, text, await desk.sync.hasPairing());
      if (!csv.ok) return csv.problems.length > 0 ? { ...refuse('invalid-input'), problems: csv.problems } : { ...refuse('invalid-input'), note: csv.note };
      const added = await desk.loadVenue(csv.data);
      return added.ok ? { ok: true, counts: { [csv.collection]: csv.count } } : { ...refuse('invalid-input'), note: added.note };
    }
    const parsed = parseVenueFileText(text);
    if (!parsed.ok) {
      return { ...refuse('invalid-input'), problems: venueFileProblemLines(parsed.errors) };
    }
    // Another venue's file on a desk that holds only the demo replaces it, once confirmed (main/runDesk.ts).
    if (replacesDemo(parsed.data.venue.id) && await holdsOnlyDemo(desk.context, desk.sync)) {
      const name = parsed.data.venue.name ?? parsed.data.venue.id;
      if (replaceDemo) return { ...refuse('invalid-input'), note: { note: 'demo-not-discarded-here' } };
      return { ...refuse('invalid-input'), note: { note: 'demo-replaced-first', by: 'file', venue: name }, replacesDemo: { venue: name } };
    }
    const loaded = await desk.loadVenue(parsed.data);
    return loaded.ok ? loaded : { ...refuse('invalid-input'), note: loaded.note };
  },
  syncReview: (desk) => syncReview(desk.context),
  // Checked with a test call before anything is stored; the token is entered once (main/sync/pairing.ts).
  // A desk holding only the demo is replaced, not paired: the desk's host discards it first
  // (main/runDesk.ts), once the person confirmed (`replaceDemo`); this answers the rest.
  async pairEndpoint(desk, payload) {
    if (await holdsOnlyDemo(desk.context, desk.sync)) {
      return { ...refuse('endpoint-refused'), note: payload.replaceDemo ? { note: 'demo-not-discarded-here' } : { note: 'demo-replaced-first', by: 'pairing', venue: '' } };
    }
    return desk.sync.pair({ url: payload.url, token: payload.token, ...(payload.certificate ? { certificate: payload.certificate } : {}) });
  },
  unpairEndpoint: (desk, payload) => desk.sync.unpair(payload.which),
  findHubs: async (desk) => ({ ok: true, hubs: await desk.sync.lookForHubs() }),
  claimHubCode: (desk, payload) => desk.sync.claimHubCode(payload.certificate, payload.code),
  // Only where the desk's host runs one (runDesk: the Electron app and the browser desk).
  venueHub: async (desk) => desk.venueHub?.state() ?? { ...refuse('invalid-input'), note: { note: 'venue-hub-unavailable' } },
  setVenueHub: async (desk, payload) => {
    if (!desk.venueHub) return { ...refuse('invalid-input'), note: { note: 'venue-hub-unavailable' } };
    return payload.on ? desk.venueHub.switchOn(desk.sync) : desk.venueHub.switchOff(desk.sync);
  },
  offerHubCode: async (desk, payload) => desk.venueHub?.offerCode(payload.deskName) ?? { ...refuse('invalid-input'), note: { note: 'venue-hub-unavailable' } },
  async demoPractice(desk) {
    if (!await holdsOnlyDemo(desk.context, desk.sync)) return { ...refuse('invalid-input'), note: { note: 'not-only-demo' } };
    return { ok: true, practice: await demoPracticeOf(desk.context) };
  },
  // Offered on a desk with no venue, or one that holds the demo: never over a paired desk's
  // venue nor a venue file's (their entries are kept).
  async openDemoVenue(desk) {
    if (!desk.demoVenue) return { ...refuse('invalid-input'), note: { note: 'no-demo-venue' } };
    if (await desk.sync.hasPairing()) return { ...refuse('invalid-input'), note: { note: 'paired-no-demo' } };
    const held = desk.context.venue;
    if (held && held.id !== DEMO_VENUE_ID) return { ...refuse('invalid-input'), note: { note: 'holds-venue-no-demo', venue: held.name ?? held.id } };
    const loaded = await desk.loadVenue(desk.demoVenue(desk.context.now()));
    return loaded.ok ? loaded : { ...refuse('invalid-input'), note: loaded.note };
  },
  async staffOnDesk(desk) {
    const staff = desk.context.staffOnDesk;
    return { ok: true, staff: staff.members(), signedIn: staff.signedIn, required: staff.required, mayChooseFirstManager: staff.mayChooseFirstManager(await desk.sync.hasPairing()), backoff: staff.backoff() };
  },
  signIn: (desk, { staffId, pin }) => pinAnswer(desk.context.staffOnDesk.signIn(staffId, pin)),
  signOut(desk) {
    desk.context.staffOnDesk.signOut();
    return { ok: true };
  },
  stillHere(desk) {
    desk.context.staffOnDesk.touch();
    return { ok: true };
  },
  // SPEC: "a manager can authorise one action at another person's desk with their own PIN".
  stepUp(desk, { staffId, pin }) {
    const staff = desk.context.staffOnDesk;
    const member = staff.members().find((candidate) => candidate.id === staffId);
    if (member && !roleReaches(member.role, 'manager')) return notAllowed('manager', true);
    return pinAnswer(staff.authorise(staffId, pin));
  },
  async setFirstManager(desk, { name, pin }) {
    const staff = desk.context.staffOnDesk;
    if (!staff.mayChooseFirstManager(await desk.sync.hasPairing())) {
      return { ...refuse('invalid-input'), note: { note: 'staff-already' } };
    }
    const manager = await staff.chooseFirstManager(randomUUID(), name, pin);
    staff.signIn(manager.id, pin);
    return { ok: true, staff: manager };
  },
  kioskCheckIn: (desk, payload) => kioskCheckIn(desk.context, payload),
  async enterKiosk(desk, { sound }) {
    const { staffOnDesk, kiosk } = desk.context;
    if (!staffOnDesk.required) return { ...refuse('invalid-input'), note: { note: 'kiosk-needs-staff' } };
    await kiosk.set(true, sound === true);
    staffOnDesk.signOut();
    return { ok: true };
  },
  async leaveKiosk(desk, { staffId, pin }) {
    const { staffOnDesk, kiosk } = desk.context;
    if (!kiosk.on) return { ...refuse('invalid-input'), note: { note: 'not-a-kiosk' } };
    const member = staffOnDesk.members().find((candidate) => candidate.id === staffId);
    if (member && !roleReaches(member.role, 'manager')) return notAllowed('manager', false);
    const answer = pinAnswer(staffOnDesk.signIn(staffId, pin));
    if (answer.ok) await kiosk.set(false);
    return answer;
  },
} satisfies DeskHandlers;

function pinAnswer(checked: PinCheck): { ok: true; staff: StaffMember } | WrongPin | Refusal<'invalid-input'> {
  if (checked.ok) return checked;
  if (checked.error === 'unknown-staff') return { ...refuse('invalid-input'), note: { note: 'unknown-staff' } };
  const { waitMs } = checked.backoff;
  const seconds = Math.ceil(waitMs / 1000);
  // A PIN typed while the desk waits is not looked at: never called wrong.
  if (!checked.tried) return { ...refuse('wrong-pin'), backoff: checked.backoff, note: { note: 'pin-wait', seconds } };
  return waitMs > 0 ? { ...refuse('wrong-pin'), backoff: checked.backoff, note: { note: 'wrong-pin-wait', seconds } } : { ...refuse('wrong-pin'), backoff: checked.backoff };
}
