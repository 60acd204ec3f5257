// `npm run server -- staff …`: a venue's staff (SPEC "Staff, roles and the kiosk"). A PIN is
// read from standard input, never from the command line, where the shell's history and `ps`
// would keep it: `npm run server -- staff add v1 "Ana" --role door`, then type it, or pipe it.
import type { Database } from '../db/database';
import { hashStaffPin } from '../auth/pinHashing';
import { addStaff, changeStaff, listStaff } from '../db/staff';
import { auditedEntries } from '../db/staffAudit';
import { findVenue } from '../db/venues';
import type { StaffRole } from '../../shared/staff/staffRoles';
import { pinSchema } from '../../shared/staff/pinHash';
import { staffNameSchema } from '../../shared/staff/staffRecords';

const print = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

/** The first line of standard input: the PIN. */
export type PinReader = () => Promise<string>;

export const pinFromStdin: PinReader = async () => {
  if (process.stdin.isTTY) process.stderr.write('PIN (4 to 8 digits): ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
};

async function readPin(readPinLine: PinReader): Promise<string | null> {
  const pin = pinSchema.safeParse((await readPinLine()).trim());
  if (pin.success) return pin.data;
  complain('the PIN must be 4 to 8 digits (read from standard input); nothing was changed');
  return null;
}

export async function staffAdd(db: Database, venueId: string, name: string, role: StaffRole, readPinLine: PinReader = pinFromStdin): Promise<number> {
  const checkedName = staffNameSchema.safeParse(name);
  if (!checkedName.success) {
    complain(`name: ${checkedName.error.issues[0]?.message ?? 'not valid'}`);
    return 2;
  }
  const pin = await readPin(readPinLine);
  if (pin === null) return 2;
  const added = await addStaff(db, venueId, { name: checkedName.data, role, pinHash: hashStaffPin(pin) });
  if (!added.ok) {
    complain(added.error === 'unknown-venue' ? `there is no venue "${venueId}"` : `there is already someone called "${checkedName.data}" at ${venueId}`);
    return 1;
  }
  print(`Added ${added.staff.name} (${added.staff.role}) to ${venueId}: id ${added.staff.id}.`);
  return 0;
}

export async function staffRole(db: Database, venueId: string, who: string, role: StaffRole): Promise<number> {
  const changed = await changeStaff(db, venueId, who, { role });
  if (!changed.ok) return unknown(venueId, who);
  print(`${changed.staff.name} is now ${role} at ${venueId}.`);
  return 0;
}

export async function staffResetPin(db: Database, venueId: string, who: string, readPinLine: PinReader = pinFromStdin): Promise<number> {
  const pin = await readPin(readPinLine);
  if (pin === null) return 2;
  const changed = await changeStaff(db, venueId, who, { pinHash: hashStaffPin(pin) });
  if (!changed.ok) return unknown(venueId, who);
  print(`${changed.staff.name} has a new PIN at ${venueId}; the desks take it at their next sync.`);
  return 0;
}

export async function staffDeactivate(db: Database, venueId: string, who: string): Promise<number> {
  const changed = await changeStaff(db, venueId, who, { active: false });
  if (!changed.ok) return unknown(venueId, who);
  print(`${changed.staff.name} can no longer sign in at ${venueId} (their history stays).`);
  return 0;
}

export async function staffList(db: Database, venueId: string): Promise<number> {
  const staff = await listStaff(db, venueId);
  if (staff.length === 0) print(`No staff at ${venueId} yet: npm run server -- staff add ${venueId} <name> --role manager`);
  for (const member of staff) print(`${member.id}\t${member.name}\t${member.role}\t${member.active ? 'active' : 'inactive'}`);
  return 0;
}

/** `audit list VENUE`: the entries the venue's staff do not back, one a line, oldest first. */
export async function auditList(db: Database, venueId: string): Promise<number> {
  if (!(await findVenue(db, venueId))) {
    complain(`there is no venue "${venueId}"`);
    return 1;
  }
  const entries = await auditedEntries(db, venueId);
  if (entries.length === 0) print(`Nothing to look at: every entry at ${venueId} names someone the venue's staff back.`);
  for (const entry of entries) {
    const who = entry.authorisedBy === undefined ? entry.staff : `${entry.staff}, authorised by ${entry.authorisedBy}`;
    print(`${entry.at}\t${entry.kind}\t${entry.entryId}\t${who}\t${entry.problem}\tdesk ${entry.deskId}`);
  }
  return 0;
}

function unknown(venueId: string, who: string): number {
  complain(`there is nobody with the id or name "${who}" at venue "${venueId}"`);
  return 1;
}
