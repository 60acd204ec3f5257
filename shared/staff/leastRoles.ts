// Who may do what at a desk (SPEC "Staff, roles and the kiosk"): the least role of every call
// of the desk's API, checked in the one place every call passes (main/desk/openDesk.ts), never
// only by hiding buttons. `null`: no one needs to be signed in (the desk's status, signing in).
import type { DeskApiName, NotAllowed } from '../schema/api';
import type { StaffMember } from './staffRecords';
import type { StaffRole } from './staffRoles';
import { roleReaches } from './staffRoles';

export const leastRoleOf = {
  // door: checks customers in, looks customers and passes up, undoes its own check-ins of the
  // day (a further rule of the undo itself: undoNeeds below).
  checkIn: 'door',
  undoCheckIn: 'door',
  previewCheckIn: 'door',
  search: 'door',
  findAtDoor: 'door',
  searchCorpus: 'door',
  customerOverview: 'door',
  passState: 'door',
  passHistory: 'door',
  passDetail: 'door',
  sessionAttendees: 'door',
  todaySessions: 'door',
  attendanceSessions: 'door',
  recentCheckIns: 'door',
  // The review list is read by every desk's status bar; settling an item is an undo (manager).
  syncReview: 'door',
  // manager: also changes expiry and uses, revokes.
  overrideExpiry: 'manager',
  overrideUses: 'manager',
  revokePass: 'manager',
  // manager: also exports (the CSV files); a past day's attendance list is one too (pastAttendanceNeeds).
  exportAttendance: 'manager',
  exportPassHistory: 'manager',
  // admin: also pairs, unpairs, imports venue data.
  pairEndpoint: 'admin',
  unpairEndpoint: 'admin',
  // Looking for the venue's hubs and claiming a hub's short code are steps of pairing.
  findHubs: 'admin',
  claimHubCode: 'admin',
  // Serving the venue's network from this desk, and its codes for other desks.
  venueHub: 'admin',
  setVenueHub: 'admin',
  offerHubCode: 'admin',
  demoPractice: 'admin',
  loadVenueFile: 'admin',
  openDemoVenue: 'admin',
  // admin: also puts a desk in kiosk mode.
  enterKiosk: 'admin',
  // The typed name of a desk without staff; with staff, entries carry the person signed in.
  setStaff: 'admin',
  // Anyone at the desk: its status, the names to pick, signing in and out, a step-up.
  deskStatus: null,
  // The desk's language: anyone must be able to read the screen, the sign-in screen included.
  setLanguage: null,
  staffOnDesk: null,
  signIn: null,
  signOut: null,
  // Nothing without someone signed in (main/state/staffOnDesk.ts `touch`).
  stillHere: null,
  stepUp: null,
  setFirstManager: null,
  // The kiosk's own calls: customers at it sign in as nobody; leaving it takes a manager's PIN.
  kioskCheckIn: null,
  leaveKiosk: null,
} as const satisfies Record<DeskApiName, StaffRole | null>;

/** Who acts: the person signed in, and a manager or admin who authorised this one action. */
export type Actor = { signedIn: StaffMember; authorisedBy: StaffMember | null };

/**
 * Whether a call needing `least` may go ahead: with nobody signed in it needs a sign-in; a
 * signed-in person whose role is short needs a step-up by someone whose role is enough.
 */
export function admits(least: StaffRole | null, signedIn: StaffMember | null, stepUp: StaffMember | null): { ok: true; authorisedBy: StaffMember | null } | { ok: false; needs: StaffRole } {
  if (least === null) return { ok: true, authorisedBy: null };
  if (signedIn === null) return { ok: false, needs: least };
  if (roleReaches(signedIn.role, least)) return { ok: true, authorisedBy: null };
  if (stepUp !== null && roleReaches(stepUp.role, least)) return { ok: true, authorisedBy: stepUp };
  return { ok: false, needs: least };
}

/**
 * SPEC: door "undoes its own check-ins of the day"; a manager undoes any. The role an undo of
 * `checkIn` needs, for one who signed in as `staffId` on venue day `today`.
 */
export function undoNeeds(checkIn: { staffId?: string | undefined; venueDay: string }, staffId: string, today: string): StaffRole {
  return checkIn.staffId === staffId && checkIn.venueDay === today ? 'door' : 'manager';
}

/**
 * SPEC: door staff check customers in (today's lists); a manager "exports". A session's list of
 * a day before `today` is what an export holds, so it needs a manager like the export itself.
 */
export function attendanceNeeds(sessionDay: string, today: string): StaffRole {
  return sessionDay < today ? 'manager' : 'door';
}

/** The refusal of a call: the role it needs, and a note for the screen's sentence (locked, or who must authorise it). */
export function notAllowed(needs: StaffRole, signedIn: boolean): NotAllowed {
  return { ok: false, error: 'not-allowed', needs, note: signedIn ? { note: 'needs-role', role: needs } : { note: 'desk-locked' } };
}

/** What a kiosk answers (SPEC "Kiosk mode": one task); every other call waits for a manager's PIN. */
export const kioskCalls: ReadonlySet<DeskApiName> = new Set<DeskApiName>(['deskStatus', 'kioskCheckIn', 'leaveKiosk', 'staffOnDesk']);
