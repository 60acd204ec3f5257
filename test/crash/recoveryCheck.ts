// What the crash test checks after every restart, against the ledger read back from
// IndexedDB (ledgerReadBack.ts) and the parent's record of answers (commandBook.ts):
//
//   - every acknowledged command is in the ledger exactly once, as it was asked;
//   - a refused command wrote nothing; a command of unknown outcome wrote at most once;
//   - no entry appeared that no command explains;
//   - the desk's pass states (its `passState` answers) equal the shared fold of the ledger
//     as read back, and the desk holds as many ledger entries as IndexedDB does.
import type { Booking, LedgerEntry, Pass, VenueData } from '../../shared/schema/records';
import type { PassState } from '../../shared/rules/passState';
import { foldPassState } from '../../shared/rules/passState';
import type { CommandBook, IssuedCommand } from './commandBook';
import type { DeskApiSocket } from './deskApiSocket';
import type { LedgerReadBack } from './ledgerReadBack';

export type LedgerFindings = {
  acknowledged: number;
  /** Acknowledged commands found exactly once, as asked. */
  recovered: number;
  lost: string[];
  duplicated: string[];
  /** Found, but not what was asked (another kind, pass, customer or session). */
  altered: string[];
  refusedButWritten: string[];
  /** New entries no command explains. */
  phantoms: string[];
  unknownLanded: number;
  unknownNotLanded: number;
  malformed: string[];
  deleted: string[];
};

export function failuresOf(findings: LedgerFindings): string[] {
  return [
    ...findings.lost.map((line) => `lost: ${line}`),
    ...findings.duplicated.map((line) => `duplicated: ${line}`),
    ...findings.altered.map((line) => `altered: ${line}`),
    ...findings.refusedButWritten.map((line) => `refused but written: ${line}`),
    ...findings.phantoms.map((line) => `unexplained entry: ${line}`),
    ...findings.malformed.map((line) => `malformed entry: ${line}`),
    ...findings.deleted.map((line) => `deleted entry: ${line}`),
  ];
}

function describe(issued: IssuedCommand): string {
  return `#${issued.n} ${issued.command.name} ${JSON.stringify(issued.command.payload)} (after ${issued.afterKills} kills, ${issued.fate}${issued.checkInId ? ` as ${issued.checkInId}` : ''})`;
}

function describeEntry(entry: LedgerEntry): string {
  return `${entry.id} ${entry.kind} pass ${entry.passId || '-'} customer ${entry.customerId} session ${entry.sessionId || '-'} at ${entry.at} reason "${entry.reason}"`;
}

/** Whether an entry is what the command asked for (the entry's own id aside). */
function matches(issued: IssuedCommand, entry: LedgerEntry): boolean {
  const { command } = issued;
  switch (command.name) {
    case 'checkIn':
      return entry.kind === 'check-in' && entry.customerId === command.payload.customerId && entry.sessionId === (command.payload.sessionId ?? '');
    case 'undoCheckIn':
      return entry.kind === 'undo-check-in' && entry.checkInId === command.payload.checkInId;
    case 'overrideUses':
      return entry.kind === 'uses-override' && entry.passId === command.payload.passId && entry.total === command.payload.total;
    case 'overrideExpiry': {
      if (entry.kind !== 'expiry-override' || entry.passId !== command.payload.passId) return false;
      const { fixedDate, relativeDays } = command.payload;
      return fixedDate !== undefined
        ? entry.expiry.kind === 'fixed' && entry.expiry.date === fixedDate
        : entry.expiry.kind === 'relative' && entry.expiry.days === relativeDays;
    }
    case 'revokePass':
      return entry.kind === 'revoke' && entry.passId === command.payload.passId;
  }
}

/** Every command issued so far against the ledger as read back. `venueLedgerIds`: the entries the venue came with. */
export function checkLedger(book: CommandBook, readBack: LedgerReadBack, venueLedgerIds: ReadonlySet<string>): LedgerFindings {
  const findings: LedgerFindings = {
    acknowledged: 0, recovered: 0, lost: [], duplicated: [], altered: [], refusedButWritten: [], phantoms: [],
    unknownLanded: 0, unknownNotLanded: 0,
    malformed: readBack.malformed.map(({ id, problem }) => `${id}: ${problem}`),
    deleted: readBack.deleted,
  };
  const byId = new Map<string, LedgerEntry>();
  const byTag = new Map<string, LedgerEntry[]>();
  for (const entry of readBack.entries) {
    if (byId.has(entry.id)) findings.duplicated.push(`the id ${entry.id} is stored twice`);
    byId.set(entry.id, entry);
    if (entry.reason !== '') byTag.set(entry.reason, [...(byTag.get(entry.reason) ?? []), entry]);
  }
  const explained = new Set<string>(venueLedgerIds);
  const unknownCheckIns: IssuedCommand[] = [];

  for (const issued of book.issued) {
    if (issued.fate === 'acknowledged') findings.acknowledged += 1;
    if (issued.command.name === 'checkIn') {
      if (issued.fate === 'acknowledged') {
        const entry = byId.get(issued.checkInId!);
        if (!entry) findings.lost.push(describe(issued));
        else if (!matches(issued, entry)) findings.altered.push(`${describe(issued)} is stored as ${describeEntry(entry)}`);
        else findings.recovered += 1;
        if (entry) explained.add(entry.id);
      } else if (issued.fate === 'unknown') {
        unknownCheckIns.push(issued);
      }
      continue;
    }
    const written = byTag.get(issued.tag!) ?? [];
    for (const entry of written) explained.add(entry.id);
    const wrong = written.filter((entry) => !matches(issued, entry));
    if (wrong.length > 0) findings.altered.push(`${describe(issued)} is stored as ${wrong.map(describeEntry).join(', ')}`);
    switch (issued.fate) {
      case 'acknowledged':
        if (written.length === 0) findings.lost.push(describe(issued));
        else if (written.length > 1) findings.duplicated.push(`${describe(issued)} is stored ${written.length} times: ${written.map(describeEntry).join(', ')}`);
        else if (wrong.length === 0) findings.recovered += 1;
        break;
      case 'refused':
        if (written.length > 0) findings.refusedButWritten.push(`${describe(issued)}: ${written.map(describeEntry).join(', ')}`);
        break;
      case 'unknown':
        if (written.length > 1) findings.duplicated.push(`${describe(issued)} is stored ${written.length} times`);
        if (written.length > 0) findings.unknownLanded += 1;
        else findings.unknownNotLanded += 1;
        break;
      case 'in-flight':
        break;
    }
  }

  // A check-in whose answer was lost names no entry: each new check-in entry nobody claimed
  // must be one of them (same customer and session), each at most once.
  for (const entry of readBack.entries) {
    if (explained.has(entry.id)) continue;
    const at = unknownCheckIns.findIndex((issued) => matches(issued, entry));
    if (at >= 0) {
      unknownCheckIns.splice(at, 1);
      findings.unknownLanded += 1;
    } else {
      findings.phantoms.push(describeEntry(entry));
    }
  }
  findings.unknownNotLanded += unknownCheckIns.length;
  return findings;
}

// --- pass states ------------------------------------------------------------------------

export type VenueFacts = { passes: Map<string, Pass>; bookingsByPass: Map<string, Booking[]>; timeZone: string };

export function venueFactsOf(venue: VenueData): VenueFacts {
  const bookingsByPass = new Map<string, Booking[]>();
  for (const booking of venue.bookings) {
    if (booking.passId) bookingsByPass.set(booking.passId, [...(bookingsByPass.get(booking.passId) ?? []), booking]);
  }
  return { passes: new Map(venue.passes.map((pass) => [pass.id, pass])), bookingsByPass, timeZone: venue.venue.timeZone };
}

const stateFields: (keyof PassState)[] = ['status', 'total', 'used', 'remaining', 'expiresOn', 'firstUseOn', 'overdrawnBy', 'revoked', 'expired'];

/** The desk's answer for each pass against the fold of the entries read back; one line per difference. */
export async function checkPassStates(api: DeskApiSocket, facts: VenueFacts, entries: readonly LedgerEntry[], passIds: Iterable<string>): Promise<{ checked: number; mismatches: string[] }> {
  const entriesByPass = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    if (entry.passId) entriesByPass.set(entry.passId, [...(entriesByPass.get(entry.passId) ?? []), entry]);
  }
  const mismatches: string[] = [];
  let checked = 0;
  const compare = async (passId: string) => {
    const pass = facts.passes.get(passId);
    if (!pass) return;
    const outcome = await api.call('passState', { passId });
    if (!outcome.answered || !outcome.result.ok) {
      mismatches.push(`${passId}: the desk did not answer passState (${outcome.answered ? JSON.stringify(outcome.result) : outcome.why})`);
      return;
    }
    const fold = foldPassState(pass, facts.bookingsByPass.get(passId) ?? [], entriesByPass.get(passId) ?? [], facts.timeZone, Date.now());
    const desk = outcome.result.view.state;
    const different = stateFields.filter((field) => desk[field] !== fold[field]);
    if (different.length > 0) {
      mismatches.push(`${passId}: ${different.map((field) => `${field} desk ${JSON.stringify(desk[field])} fold ${JSON.stringify(fold[field])}`).join(', ')}`);
    }
    checked += 1;
  };
  // A few calls in flight at a time, as a screen full of passes would ask.
  const queue = [...new Set(passIds)];
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let passId = queue.shift(); passId !== undefined; passId = queue.shift()) await compare(passId);
  }));
  return { checked, mismatches };
}
