// Who may sign in at this desk, and who is signed in (SPEC "Staff, roles and the kiosk").
// The staff come from the endpoint (GET /sync/staff, kept in a local document so that signing
// in works offline) or, on a desk without an endpoint, from the desk itself: its first manager,
// chosen at first start. A desk with neither runs as before staff existed: nobody signs in, and
// entries carry the name typed in Setup.
import type { DeskDatabase } from '../db/deskDatabase';
import type { StaffMember, StaffRecord } from '../../shared/staff/staffRecords';
import { memberOf, staffRecordSchema } from '../../shared/staff/staffRecords';
import type { StaffRole } from '../../shared/staff/staffRoles';
import { roleReaches } from '../../shared/staff/staffRoles';
import { hashPin, pinMatches } from '../../shared/staff/pinHash';
import type { WrongPins } from '../../shared/staff/pinBackoff';
import { afterRightPin, afterWrongPin, governingRun, noWrongPinsAtAll, waitLeftMs } from '../../shared/staff/pinBackoff';
import { admits } from '../../shared/staff/leastRoles';
import type { LedgerEntry } from '../../shared/schema/records';
import type { PinBackoff } from '../../shared/schema/api';
import { nodePinKdf } from './pinKdf';
import type { WrongPinsStore } from './wrongPinsFile';
import { wrongPinsInMemory } from './wrongPinsFile';

const STAFF_DOCUMENT = 'staff';
/** A step-up authorises the next action that needs it, within this time. */
const STEP_UP_MS = 2 * 60_000;
/** SPEC: "after a few idle minutes (a venue setting)"; this when the venue sets none. */
export const DEFAULT_LOCK_AFTER_MINUTES = 10;

type StoredStaff = { source: 'endpoint' | 'desk'; records: StaffRecord[] };

/**
 * Who is signed in, and when they last did something (the wall clock, ms): held by the desk's
 * host (main/runDesk.ts) across openings of the desk's core, so that the browser desk's page
 * reloaded (which opens the core again on its storage) neither signs the person out early nor
 * starts their idle minutes again. A new process starts with nobody signed in.
 */
export type SignInSession = { current: StaffMember | null; lastActivityMs: number };
export const newSignInSession = (): SignInSession => ({ current: null, lastActivityMs: 0 });

export type StaffOnDeskSetup = {
  /** Where the wrong PINs are kept (main's data folder); in memory when not given. */
  wrongPins?: WrongPinsStore | undefined;
  session?: SignInSession | undefined;
};

/** `tried`: false when the PIN was not even looked at (the desk is waiting out wrong ones). */
export type PinCheck = { ok: true; staff: StaffMember } | { ok: false; error: 'wrong-pin'; backoff: PinBackoff; tried: boolean } | { ok: false; error: 'unknown-staff' };

/** Who acts in an entry: the fields of `LedgerEntry` that name them. */
export type ActorFields = Pick<LedgerEntry, 'staff' | 'staffId' | 'authorisedBy' | 'authorisedById'>;

export class StaffOnDesk {
  private records: StaffRecord[] = [];
  private source: StoredStaff['source'] | null = null;
  private readonly session: SignInSession;
  private stepUp: { staff: StaffMember; untilMs: number } | null = null;
  /** The step-up a call in progress was let through by (openDesk.ts sets it around the call). */
  private authorising: StaffMember | null = null;
  private wrongPins: WrongPins = noWrongPinsAtAll;
  /** Writes of the wrong PINs, one after another. */
  private saving: Promise<void> = Promise.resolve();

  private readonly wrongPinsStore: WrongPinsStore;

  constructor(
    private readonly db: DeskDatabase,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    /** The idle minutes are timed on this computer's own clock, never moved by the endpoint's. */
    private readonly wallNow: () => number,
    /** The venue's idle minutes (SPEC: "after a few idle minutes (a venue setting)"), in ms. */
    private readonly lockAfterMs: () => number,
    setup: StaffOnDeskSetup = {},
  ) {
    this.wrongPinsStore = setup.wrongPins ?? wrongPinsInMemory();
    this.session = setup.session ?? newSignInSession();
  }

  private get current(): StaffMember | null {
    return this.session.current;
  }

  private set current(member: StaffMember | null) {
    this.session.current = member;
  }

  async load(): Promise<void> {
    this.wrongPins = await this.wrongPinsStore.read().catch(() => noWrongPinsAtAll);
    const doc = await this.db.getLocal<StoredStaff>(STAFF_DOCUMENT).catch(() => null);
    const stored = doc?.toJSON().data;
    if (stored) {
      this.source = stored.source;
      this.records = this.readable(stored.records);
    }
    // Signed in before this opening of the core: still on the staff, and as they are now.
    const kept = this.current && this.records.find((record) => record.id === this.current?.id && record.active);
    this.current = kept ? memberOf(kept) : null;
    this.lockIfIdle();
  }

  /** The desk has staff: calls need someone signed in. */
  get required(): boolean {
    return this.records.some((record) => record.active);
  }

  get signedIn(): StaffMember | null {
    return this.idle() ? null : this.current;
  }

  /** The person signed in did something (signed in, a key or a click at the screen: `stillHere`). */
  touch(): void {
    if (this.current && !this.idle()) this.session.lastActivityMs = this.wallNow();
  }

  /**
   * Locks the desk once the person signed in has done nothing for the venue's idle minutes;
   * whether it did. Asked before every call and every few seconds (main/desk/openDesk.ts).
   */
  lockIfIdle(): boolean {
    if (!this.current || !this.idle()) return false;
    this.log(`desk: locked after ${Math.round(this.lockAfterMs() / 60_000)} idle minutes (${this.current.name} was signed in)`);
    this.current = null;
    this.stepUp = null;
    return true;
  }

  private idle(): boolean {
    return this.current !== null && this.wallNow() - this.session.lastActivityMs >= this.lockAfterMs();
  }

  /** The active staff, by name: the names to pick at sign-in. */
  members(): StaffMember[] {
    return this.records.filter((record) => record.active).map(memberOf).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Anyone the venue has had, active or not (the review list checks entries' authors). */
  memberById(id: string): StaffMember | undefined {
    const record = this.records.find((candidate) => candidate.id === id);
    return record ? memberOf(record) : undefined;
  }

  /** A desk with no staff and no endpoint may choose its first manager. */
  mayChooseFirstManager(paired: boolean): boolean {
    return !paired && this.records.length === 0;
  }

  /** The wait a try for `staffId` (or, without one, for anyone) has before it is looked at. */
  backoff(staffId: string | null = null): PinBackoff {
    const run = governingRun(this.wrongPins, staffId, this.now());
    return { failures: run.failures, waitMs: waitLeftMs(run, this.now()) };
  }

  /**
   * The endpoint's staff (GET /sync/staff) take over from the desk's first manager as soon as the
   * endpoint serves any; an endpoint with none yet leaves the first manager's PIN on the desk (a
   * desk that asked for PINs never stops asking because it was paired).
   */
  async fromEndpoint(served: readonly unknown[]): Promise<void> {
    const records = this.readable(served);
    if (records.length === 0 && this.source === 'desk') return;
    this.records = records;
    this.source = 'endpoint';
    await this.db.upsertLocal<StoredStaff>(STAFF_DOCUMENT, { source: 'endpoint', records });
    // Someone deactivated, or given another role, while signed in.
    const now = this.current && records.find((record) => record.id === this.current?.id);
    this.current = now && now.active ? memberOf(now) : null;
  }

  /**
   * The desk's first manager holds every role the desk has, admin included: nobody is above them
   * on a desk without an endpoint, and pairing it with the venue's endpoint (an admin's) is theirs
   * to do; the endpoint's staff then take over (`fromEndpoint`).
   */
  async chooseFirstManager(id: string, name: string, pin: string): Promise<StaffMember> {
    const record: StaffRecord = { id, name, role: 'admin', active: true, pinHash: hashPin(nodePinKdf, pin) };
    this.records = [record];
    this.source = 'desk';
    await this.db.upsertLocal<StoredStaff>(STAFF_DOCUMENT, { source: 'desk', records: [record] });
    this.log(`desk: ${name} is this desk's first manager`);
    return memberOf(record);
  }

  signIn(staffId: string, pin: string): PinCheck {
    const checked = this.check(staffId, pin, 'signed in');
    if (checked.ok) {
      this.current = checked.staff;
      this.session.lastActivityMs = this.wallNow();
      this.stepUp = null;
    }
    return checked;
  }

  /** A manager or admin authorises the next action that needs their role, at this desk. */
  authorise(staffId: string, pin: string): PinCheck {
    const checked = this.check(staffId, pin, 'authorised an action');
    if (checked.ok) {
      this.stepUp = { staff: checked.staff, untilMs: this.now() + STEP_UP_MS };
      this.touch();
    }
    return checked;
  }

  signOut(): void {
    if (this.current) this.log(`desk: ${this.current.name} signed out`);
    this.current = null;
    this.stepUp = null;
  }

  /**
   * Whether a call needing `least` may go ahead now; a step-up it uses is spent. Without staff
   * on the desk everything is allowed, as before staff existed.
   */
  admit(least: StaffRole | null): { ok: true } | { ok: false; needs: StaffRole } {
    this.authorising = null;
    this.lockIfIdle();
    if (!this.required) return { ok: true };
    const stepUp = this.stepUp && this.stepUp.untilMs >= this.now() ? this.stepUp.staff : null;
    const admitted = admits(least, this.current, stepUp);
    if (!admitted.ok) return admitted;
    if (admitted.authorisedBy) {
      this.stepUp = null;
      this.authorising = admitted.authorisedBy;
    }
    return { ok: true };
  }

  /** The call in progress is over: its step-up, if any, authorises nothing more. */
  done(): void {
    this.authorising = null;
  }

  /** Whether the one acting now (the person signed in, or who authorised this call) reaches `role`. */
  actingReaches(role: StaffRole): boolean {
    if (!this.required) return true;
    if ([this.current, this.authorising].some((member) => member !== null && roleReaches(member.role, role))) return true;
    // A rule of the call's own (another's check-in undone, a past day's list) needing more than
    // its least role: a step-up that reaches it authorises this call, and is spent.
    const stepUp = this.stepUp && this.stepUp.untilMs >= this.now() ? this.stepUp.staff : null;
    if (this.current === null || stepUp === null || !roleReaches(stepUp.role, role)) return false;
    this.stepUp = null;
    this.authorising = stepUp;
    return true;
  }

  /** Who an entry written now names: the person signed in (and who authorised it), or the typed name. */
  actor(typedName: string): ActorFields {
    if (!this.current) return { staff: typedName };
    return {
      staff: this.current.name,
      staffId: this.current.id,
      ...(this.authorising ? { authorisedBy: this.authorising.name, authorisedById: this.authorising.id } : {}),
    };
  }

  private check(staffId: string, pin: string, what: string): PinCheck {
    const backoff = this.backoff(staffId);
    if (backoff.waitMs > 0) return { ok: false, error: 'wrong-pin', backoff, tried: false };
    const record = this.records.find((candidate) => candidate.id === staffId && candidate.active);
    if (!record) return { ok: false, error: 'unknown-staff' };
    if (pinMatches(nodePinKdf, pin, record.pinHash)) {
      this.keepWrongPins(afterRightPin(this.wrongPins, staffId));
      this.log(`desk: ${record.name} (${record.role}) ${what}`);
      return { ok: true, staff: memberOf(record) };
    }
    this.keepWrongPins(afterWrongPin(this.wrongPins, staffId, this.now()));
    const next = this.backoff(staffId);
    // Logged with the name tried, never the PIN.
    this.log(`desk: a wrong PIN for ${record.name} (${next.failures} in a row${next.waitMs > 0 ? `; the next try is taken in ${Math.ceil(next.waitMs / 1000)} s` : ''})`);
    return { ok: false, error: 'wrong-pin', backoff: next, tried: true };
  }

  /** The count is the desk's at once; the file follows (a failed write is logged, the count kept in memory). */
  private keepWrongPins(pins: WrongPins): void {
    if (pins === this.wrongPins) return;
    this.wrongPins = pins;
    this.saving = this.saving.then(() => this.wrongPinsStore.write(pins)).catch((error: unknown) => this.log(`desk: could not keep the wrong PINs: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** The wrong PINs written so far have reached their store (a desk closing waits for it). */
  settled(): Promise<void> {
    return this.saving;
  }

  private readable(records: readonly unknown[]): StaffRecord[] {
    const kept: StaffRecord[] = [];
    for (const record of records) {
      const parsed = staffRecordSchema.safeParse(record);
      if (parsed.success) kept.push(parsed.data);
      else this.log('desk: a staff record it cannot read was left out');
    }
    return kept;
  }
}
