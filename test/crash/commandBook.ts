// The crash test's own record of what it asked the desk and what the desk answered, kept in
// the parent process (which is never killed), and the random stream of commands it draws from.
//
// Every command ends in one of three fates:
//   acknowledged  an `ok: true` answer: it must be in the ledger exactly once, for ever after;
//   refused       an `ok: false` answer with a reason of the rules: nothing may be written;
//   unknown       the socket dropped, or the desk answered `internal` because its write was
//                 cut off: it may have landed or not, but at most once.
// To tell which ledger entry came from which command, undo and override commands carry a
// unique reason ("crash-test #N", a field the desk stores as given); a check-in has no reason
// field, but its answer names its entry (`checkInId`), and an unknown one is matched by
// customer and session.
import { DateTime } from 'luxon';
import type { DeskApiInput, DeskApiName, DeskApiResults } from '../../shared/schema/api';
import type { Pass, Session, VenueData } from '../../shared/schema/records';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { CallOutcome } from './deskApiSocket';

export type CommandName = 'checkIn' | 'undoCheckIn' | 'overrideUses' | 'overrideExpiry' | 'revokePass';

export type Command = { [K in CommandName]: { name: K; payload: DeskApiInput<K> } }[CommandName];

export type Fate = 'in-flight' | 'acknowledged' | 'refused' | 'unknown';

export type IssuedCommand = {
  /** 1, 2, 3… in the order issued. */
  n: number;
  command: Command;
  /** The reason written with undo and override commands; null for a check-in. */
  tag: string | null;
  /** How many kills had happened when it was issued. */
  afterKills: number;
  fate: Fate;
  /** The refusal code, or why the outcome is unknown. */
  why?: string;
  /** A check-in's ledger entry, from its answer. */
  checkInId?: string;
  /** The pass the command touched, as far as the parent knows. */
  passId?: string | null;
};

export const tagPrefix = 'crash-test #';

export class CommandBook {
  readonly issued: IssuedCommand[] = [];
  /** Passes touched since the last verification. */
  touched = new Set<string>();
  private readonly customers: string[];
  private readonly passes: Pass[];
  private readonly todaySessions: Session[];
  /** The venue day at the start, for fixed expiry dates around it. */
  private readonly today: string;
  /** Acknowledged check-ins not known to be undone: what an undo picks from. */
  private readonly undoable: string[] = [];
  private readonly acknowledgedCheckIns: string[] = [];

  constructor(venue: VenueData, private readonly random: () => number, nowMs: number) {
    const holders = new Set(venue.passes.map((pass) => pass.customerId));
    this.customers = venue.customers.map((customer) => customer.id).filter((id) => holders.has(id));
    this.passes = venue.passes;
    const today = venueDayOf(nowMs, venue.venue.timeZone);
    this.todaySessions = venue.sessions.filter((session) => venueDayOf(session.startsAt, venue.venue.timeZone) === today);
    this.today = today;
  }

  /** Draws the next command: mostly check-ins, as at a door, with undos and fixes between. */
  issue(afterKills: number): IssuedCommand {
    const n = this.issued.length + 1;
    const tag = `${tagPrefix}${n}`;
    const draw = this.random();
    let command: Command;
    if (draw < 0.6 || (draw < 0.75 && this.acknowledgedCheckIns.length === 0)) {
      const session = this.random() < 0.4 && this.todaySessions.length > 0 ? this.pick(this.todaySessions) : null;
      command = {
        name: 'checkIn',
        payload: { customerId: this.pick(this.customers), sessionId: session?.id ?? null, ...(this.random() < 0.6 ? { confirmDuplicate: true } : {}) },
      };
    } else if (draw < 0.75) {
      // Now and then an undo of one already undone: a refusal, which must write nothing.
      const pool = this.undoable.length > 0 && this.random() < 0.9 ? this.undoable : this.acknowledgedCheckIns;
      command = { name: 'undoCheckIn', payload: { checkInId: this.pick(pool), reason: tag } };
    } else if (draw < 0.87) {
      // Some totals fall below the uses already redeemed: refused ("total-below-used").
      command = { name: 'overrideUses', payload: { passId: this.pick(this.passes).id, total: Math.floor(this.random() * 40), reason: tag } };
    } else if (draw < 0.995) {
      const passId = this.pick(this.passes).id;
      command = this.random() < 0.5
        ? { name: 'overrideExpiry', payload: { passId, relativeDays: 1 + Math.floor(this.random() * 400), reason: tag } }
        : { name: 'overrideExpiry', payload: { passId, fixedDate: DateTime.fromISO(this.today).plus({ days: Math.floor(this.random() * 400) - 30 }).toISODate()!, reason: tag } };
    } else {
      command = { name: 'revokePass', payload: { passId: this.pick(this.passes).id, reason: tag } };
    }
    const issued: IssuedCommand = { n, command, tag: command.name === 'checkIn' ? null : tag, afterKills, fate: 'in-flight' };
    if ('passId' in command.payload) this.touch(command.payload.passId);
    this.issued.push(issued);
    return issued;
  }

  settle(issued: IssuedCommand, outcome: CallOutcome<DeskApiName>): void {
    if (!outcome.answered) {
      issued.fate = 'unknown';
      issued.why = outcome.why;
      return;
    }
    const result = outcome.result as DeskApiResults[CommandName];
    if (!result.ok) {
      // `internal` is what a command answers when its write was cut off: outcome unknown.
      issued.fate = result.error === 'internal' ? 'unknown' : 'refused';
      issued.why = result.error;
      return;
    }
    issued.fate = 'acknowledged';
    switch (issued.command.name) {
      case 'checkIn': {
        const answer = result as Extract<DeskApiResults['checkIn'], { ok: true }>;
        issued.checkInId = answer.checkInId;
        issued.passId = answer.passId;
        this.acknowledgedCheckIns.push(answer.checkInId);
        this.undoable.push(answer.checkInId);
        break;
      }
      case 'undoCheckIn': {
        const undone = issued.command.payload.checkInId;
        issued.passId = (result as Extract<DeskApiResults['undoCheckIn'], { ok: true }>).passId;
        const at = this.undoable.indexOf(undone);
        if (at >= 0) this.undoable.splice(at, 1);
        break;
      }
      default:
        issued.passId = issued.command.payload.passId;
    }
    this.touch(issued.passId);
  }

  count(fate: Fate): number {
    return this.issued.filter((issued) => issued.fate === fate).length;
  }

  private touch(passId: string | null | undefined): void {
    if (passId) this.touched.add(passId);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
