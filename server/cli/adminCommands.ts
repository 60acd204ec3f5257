// The admin commands of `npm run server`: venues, device tokens, the admin token, imports.
// They work on the database directly (the PGlite data folder, which the server must not have
// open, or PostgreSQL, where they take effect in running servers at once).
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '../db/database';
import type { DatabaseLocation } from '../db/openDatabase';
import { openDatabase } from '../db/openDatabase';
import { createVenue, listVenues } from '../db/venues';
import { issueDevice, listDevices, revokeDevice } from '../auth/devices';
import { resetAdminToken } from '../auth/adminToken';
import { venueSchema } from '../../shared/schema/records';
import type { CsvCollection } from '../import/csvImport';
import { importCsv } from '../import/csvImport';
import type { ImportResult } from '../import/venueImport';
import { importVenueFile } from '../import/venueImport';
import { describeLocation } from './cliOptions';

const print = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

export async function withDatabase(location: DatabaseLocation, purpose: string, work: (db: Database) => Promise<number>): Promise<number> {
  const opened = await openDatabase(location, purpose);
  if (!opened.ok) {
    complain(opened.message);
    return 1;
  }
  try {
    return await work(opened.db);
  } finally {
    await opened.db.close();
  }
}

export async function venueCreate(db: Database, venue: { id: string; timeZone: string; name?: string; locale?: string; lockAfterMinutes?: number }): Promise<number> {
  const checked = venueSchema.safeParse(venue);
  if (!checked.success) {
    for (const issue of checked.error.issues) complain(`${issue.path.join('.') || 'venue'}: ${issue.message}`);
    return 2;
  }
  const created = await createVenue(db, checked.data);
  if (!created.ok) {
    complain(`there is already a venue "${venue.id}"`);
    return 1;
  }
  print(`Created venue ${venue.id} (${venue.timeZone}${venue.locale ? `, ${venue.locale}` : ''}).`);
  return 0;
}

export async function venueList(db: Database): Promise<number> {
  const venues = await listVenues(db);
  if (venues.length === 0) print('No venues yet: npm run server -- venue create <id> --time-zone Europe/London');
  for (const venue of venues) print(`${venue.id}\t${venue.timeZone}${venue.name ? `\t${venue.name}` : ''}`);
  return 0;
}

export async function deviceIssue(db: Database, venueId: string, name: string | undefined): Promise<number> {
  const issued = await issueDevice(db, venueId, name);
  if (!issued.ok) {
    complain(`there is no venue "${venueId}"`);
    return 1;
  }
  print(`Device ${issued.device.deviceId}${name ? ` (${name})` : ''} of venue ${venueId}.`);
  print(`Token (shown once; pair the desk with it): ${issued.device.token}`);
  return 0;
}

export async function deviceRevoke(db: Database, deviceIdOrToken: string): Promise<number> {
  const revoked = await revokeDevice(db, deviceIdOrToken);
  if (!revoked.ok) {
    complain('no device has this id or token');
    return 1;
  }
  print(revoked.device.alreadyRevoked
    ? `Device ${revoked.device.deviceId} of venue ${revoked.device.venueId} was already revoked.`
    : `Revoked device ${revoked.device.deviceId} of venue ${revoked.device.venueId}: its token no longer works.`);
  return 0;
}

export async function deviceList(db: Database, venueId: string): Promise<number> {
  const listed = await listDevices(db, venueId);
  if (!listed.ok) {
    complain(`there is no venue "${venueId}"`);
    return 1;
  }
  if (listed.devices.length === 0) print(`No devices for ${venueId} yet: npm run server -- device issue ${venueId}`);
  for (const device of listed.devices) {
    print(`${device.deviceId}\t${device.name ?? '-'}\tissued ${device.createdAt}\t${device.revokedAt ? `revoked ${device.revokedAt}` : 'active'}`);
  }
  return 0;
}

export async function adminTokenReset(db: Database, location: DatabaseLocation): Promise<number> {
  const token = await resetAdminToken(db);
  print(`New admin token for ${describeLocation(location)} (shown once; the old one no longer works): ${token}`);
  if (process.env.BOX_OFFICE_ADMIN_TOKEN) complain('Note: BOX_OFFICE_ADMIN_TOKEN is set; servers started with it use that token instead.');
  return 0;
}

/** Venue files can be a few hundred MB (a large venue's past ledger); Node's strings stop at 512 MiB. */
const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

export async function importFile(db: Database, venueId: string, path: string, collection: CsvCollection | undefined): Promise<number> {
  const name = basename(path);
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_BYTES) {
      complain(`${name} is ${Math.round(info.size / 1e6)} MB; split it (imports read at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB at a time)`);
      return 1;
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    complain(code === 'ENOENT' ? `no file at ${path}` : `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const isCsv = collection !== undefined || extname(path).toLowerCase() === '.csv';
  let result: ImportResult;
  if (isCsv) {
    result = await importCsv(db, venueId, text, collection);
  } else {
    let file: unknown;
    try {
      // Editors on Windows often save UTF-8 with a byte order mark; it is not part of the JSON.
      file = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      complain(`${name}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    result = await importVenueFile(db, venueId, file);
  }
  if (!result.ok) {
    const problems = result.refusal.problems ?? [];
    if (problems.length === 0) complain(`${name}: ${result.refusal.message}`);
    else complain(`${name}: nothing was imported; ${problems.length === 1 ? 'one mistake' : `${problems.length} mistakes`}:`);
    for (const problem of problems) complain(`  ${name}: ${problem.path}: ${problem.message}`);
    return 1;
  }
  print(`Imported ${name} into ${venueId}:`);
  for (const [collectionName, counts] of Object.entries(result.summary)) {
    print(`  ${collectionName.padEnd(10)} ${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
  return 0;
}
