// `npm run server -- <command>`: the venue's sync endpoint and its admin commands.
// With DATABASE_URL set, everything works on that PostgreSQL; otherwise on PGlite in the data
// folder (--data, default ./server-data).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { csvCollections } from './import/csvImport';
import type { CsvCollection } from './import/csvImport';
import { adminTokenReset, deviceIssue, deviceList, deviceRevoke, importFile, venueCreate, venueList, withDatabase } from './cli/adminCommands';
import { UsageError, databaseLocation, listenAddressOf, portOf, wholeNumber } from './cli/cliOptions';
import { serveHub } from './cli/hubCommand';
import { serve, serveDemo } from './cli/serveCommand';
import { auditList, staffAdd, staffDeactivate, staffList, staffResetPin, staffRole } from './cli/staffCommands';
import type { StaffRole } from '../shared/staff/staffRoles';
import { staffRoleSchema } from '../shared/staff/staffRoles';
import type { LogLevel } from './app';
import { calendarDateSchema, timeZoneSchema } from '../shared/schema/records';

const USAGE = `Usage: npm run server -- [command] [options]

  serve [--port 4700] [--host 127.0.0.1] [--log warn]
                                           run the sync endpoint (the default command); --log info
                                           adds a JSON line per request on stdout
  hub --upstream <url> [--token <token>] [--listen 127.0.0.1:4700] [--pair <desk name>]... [--log warn]
                                           run a venue hub: serves the venue's desks on the local
                                           network over TLS (its own certificate, which desks pin)
                                           and relays to the upstream endpoint whenever it can be
                                           reached; the token is a device token of upstream (or
                                           BOX_OFFICE_UPSTREAM_TOKEN); --pair prints a pairing code
                                           for a desk. See docs/venue-network.md
  demo [--customers 300] [--seed 7] [--today YYYY-MM-DD] [--time-zone Europe/London] [--port] [--host]
                                           create the demo venue (unless it exists), print a device
                                           token and the URL, and serve
  venue create <id> --time-zone <zone> [--name <name>] [--locale en-GB] [--lock-after 10]
                                           --lock-after: idle minutes before a desk locks (1 to 240)
  venue list
  device issue <venue> [--name <name>]     prints a new device token, once
  device revoke <deviceId|token>           the token stops working at once
  device list <venue>
  import <venue> <file> [--collection <collection>]
                                           a venue file (.json) or a CSV of one collection (docs/import-examples/)
  staff add <venue> <name> --role <door|manager|admin>
                                           the PIN (4 to 8 digits) is read from standard input
  staff role <venue> <name|id> <door|manager|admin>
  staff reset-pin <venue> <name|id>        the new PIN is read from standard input
  staff deactivate <venue> <name|id>       they can no longer sign in; their history stays
  staff list <venue>
  audit list <venue>                       entries whose author the venue's staff do not back (unknown,
                                           inactive, or short of the role), for a manager to look at
  admin-token reset                        replace the admin token (prints the new one, once)

Every command takes --data <folder> (PGlite, default ./server-data); with DATABASE_URL set it
uses that PostgreSQL instead. The admin token is BOX_OFFICE_ADMIN_TOKEN when set; otherwise
one is made at the first start and printed once. See docs/sync-server.md.`;

const MAX_DEMO_CUSTOMERS = 1_000_000;

async function runServerCli(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        name: { type: 'string' },
        'time-zone': { type: 'string' },
        locale: { type: 'string' },
        'lock-after': { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        collection: { type: 'string' },
        log: { type: 'string' },
        role: { type: 'string' },
        upstream: { type: 'string' },
        token: { type: 'string' },
        listen: { type: 'string' },
        pair: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command = 'serve', action, ...rest] = positionals;
  const location = databaseLocation(values.data);
  const host = values.host ?? '127.0.0.1';
  try {
    switch (command) {
      case 'serve':
        expectArguments(positionals.slice(1), 0, 'serve');
        return await serve({ database: location, port: portOf(values.port), host, log: logLevelOf(values.log) });
      case 'hub': {
        expectArguments(positionals.slice(1), 0, 'hub');
        if (!values.upstream) throw new UsageError('hub needs --upstream <url of the venue\'s endpoint>');
        const upstreamToken = values.token ?? process.env.BOX_OFFICE_UPSTREAM_TOKEN;
        if (!upstreamToken) throw new UsageError('hub needs --token <a device token of upstream> (or BOX_OFFICE_UPSTREAM_TOKEN)');
        const listen = values.listen !== undefined ? listenAddressOf(values.listen, host) : { host, port: portOf(values.port) };
        const certificateDir = location.kind === 'pglite' ? location.dataDir : resolve('hub-certificate');
        return await serveHub({ database: location, ...listen, log: logLevelOf(values.log), upstreamUrl: upstreamUrlOf(values.upstream), upstreamToken, certificateDir, pairDesks: values.pair ?? [] });
      }
      case 'demo':
        expectArguments(positionals.slice(1), 0, 'demo');
        return await serveDemo({
          database: location,
          port: portOf(values.port),
          host,
          log: logLevelOf(values.log),
          customers: wholeNumber('customers', values.customers, 300, MAX_DEMO_CUSTOMERS),
          seed: wholeNumber('seed', values.seed, 7, 0xffffffff),
          today: dateOption(values.today),
          timeZone: timeZoneOption(values['time-zone'] ?? 'Europe/London'),
        });
      case 'venue':
        if (action === 'create') {
          const [id] = expectArguments(rest, 1, 'venue create <id>');
          if (!values['time-zone']) throw new UsageError('venue create needs --time-zone, e.g. --time-zone Europe/London');
          const venue = { id: id!, timeZone: values['time-zone'], ...(values.name ? { name: values.name } : {}), ...(values.locale ? { locale: values.locale } : {}), ...(values['lock-after'] ? { lockAfterMinutes: wholeNumber('lock-after', values['lock-after'], 10, 240) } : {}) };
          return await withDatabase(location, 'venue create', (db) => venueCreate(db, venue));
        }
        if (action === 'list') {
          expectArguments(rest, 0, 'venue list');
          return await withDatabase(location, 'venue list', venueList);
        }
        throw new UsageError(`unknown venue command "${action ?? ''}": create or list`);
      case 'device':
        if (action === 'issue') {
          const [venueId] = expectArguments(rest, 1, 'device issue <venue>');
          return await withDatabase(location, 'device issue', (db) => deviceIssue(db, venueId!, values.name));
        }
        if (action === 'revoke') {
          const [device] = expectArguments(rest, 1, 'device revoke <deviceId|token>');
          return await withDatabase(location, 'device revoke', (db) => deviceRevoke(db, device!));
        }
        if (action === 'list') {
          const [venueId] = expectArguments(rest, 1, 'device list <venue>');
          return await withDatabase(location, 'device list', (db) => deviceList(db, venueId!));
        }
        throw new UsageError(`unknown device command "${action ?? ''}": issue, revoke or list`);
      case 'import': {
        const [venueId, file] = expectArguments(positionals.slice(1), 2, 'import <venue> <file>');
        const collection = csvCollectionOption(values.collection);
        return await withDatabase(location, 'import', (db) => importFile(db, venueId!, file!, collection));
      }
      case 'staff':
        if (action === 'add') {
          const [venueId, name] = expectArguments(rest, 2, 'staff add <venue> <name>');
          const role = roleOption(values.role, 'staff add needs --role door, manager or admin');
          return await withDatabase(location, 'staff add', (db) => staffAdd(db, venueId!, name!, role));
        }
        if (action === 'role') {
          const [venueId, who, role] = expectArguments(rest, 3, 'staff role <venue> <name|id> <role>');
          return await withDatabase(location, 'staff role', (db) => staffRole(db, venueId!, who!, roleOption(role, '')));
        }
        if (action === 'reset-pin') {
          const [venueId, who] = expectArguments(rest, 2, 'staff reset-pin <venue> <name|id>');
          return await withDatabase(location, 'staff reset-pin', (db) => staffResetPin(db, venueId!, who!));
        }
        if (action === 'deactivate') {
          const [venueId, who] = expectArguments(rest, 2, 'staff deactivate <venue> <name|id>');
          return await withDatabase(location, 'staff deactivate', (db) => staffDeactivate(db, venueId!, who!));
        }
        if (action === 'list') {
          const [venueId] = expectArguments(rest, 1, 'staff list <venue>');
          return await withDatabase(location, 'staff list', (db) => staffList(db, venueId!));
        }
        throw new UsageError(`unknown staff command "${action ?? ''}": add, role, reset-pin, deactivate or list`);
      case 'audit': {
        if (action !== 'list') throw new UsageError(`unknown audit command "${action ?? ''}": list`);
        const [venueId] = expectArguments(rest, 1, 'audit list <venue>');
        return await withDatabase(location, 'audit list', (db) => auditList(db, venueId!));
      }
      case 'admin-token':
        if (action !== 'reset') throw new UsageError('the admin-token command is: admin-token reset');
        expectArguments(rest, 0, 'admin-token reset');
        return await withDatabase(location, 'admin-token reset', (db) => adminTokenReset(db, location));
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
}

function expectArguments(given: readonly string[], count: number, form: string): string[] {
  if (given.length !== count) throw new UsageError(`${form}: expected ${count === 0 ? 'no further arguments' : `${count} ${count === 1 ? 'argument' : 'arguments'}`}, got "${given.join(' ')}"`);
  return [...given];
}

function csvCollectionOption(text: string | undefined): CsvCollection | undefined {
  if (text === undefined) return undefined;
  if (!(csvCollections as readonly string[]).includes(text)) throw new UsageError(`--collection must be ${csvCollections.join(' or ')}, not "${text}"`);
  return text as CsvCollection;
}

function roleOption(text: string | undefined, missing: string): StaffRole {
  if (text === undefined && missing) throw new UsageError(missing);
  const role = staffRoleSchema.safeParse(text);
  if (!role.success) throw new UsageError(`a role is door, manager or admin, not "${text ?? ''}"`);
  return role.data;
}

function upstreamUrlOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--upstream must be the address of the venue's endpoint, such as https://sync.example.com, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--upstream must start with https:// (or http://), not "${text}"`);
  return text;
}

function dateOption(text: string | undefined): string | undefined {
  if (text !== undefined && !calendarDateSchema.safeParse(text).success) throw new UsageError(`--today must be a date YYYY-MM-DD, not "${text}"`);
  return text;
}

function timeZoneOption(text: string): string {
  if (!timeZoneSchema.safeParse(text).success) throw new UsageError(`--time-zone "${text}" is not an IANA time zone such as Europe/London`);
  return text;
}

const logLevels = ['error', 'warn', 'info', 'debug'] as const;

function logLevelOf(text: string | undefined): LogLevel {
  if (text === undefined) return 'warn';
  if (!(logLevels as readonly string[]).includes(text)) throw new UsageError(`--log must be ${logLevels.join(', ')}, not "${text}"`);
  return text as LogLevel;
}

function usage(message: string): number {
  process.stderr.write(`server: ${message}\n\n${USAGE}\n`);
  return 2;
}

// Everything this process writes is the data folder (server/db/dataFolderModes.ts): its owner's only.
process.umask(0o077);

process.exitCode = await runServerCli(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`server: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
