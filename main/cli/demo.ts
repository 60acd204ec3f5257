// `npm run demo -- --customers N --out FILE`: writes a demo venue file of any size (SPEC "A
// demo venue of any size can be generated for trying the app and for benchmarks").
// The venue is made by the pure generator in shared/; this shell reads the clock for the
// default "today", and streams the file to disk array by array, a batch of records at a
// time, so a venue of a million check-ins never becomes one string of hundreds of MB.
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { calendarDateSchema, timeZoneSchema } from '../../shared/schema/records';
import { venueDayOf } from '../../shared/rules/venueTime';
import type { DemoVenueOptions, DemoVenuePlan } from '../../shared/venue/generateDemoVenue';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';

const USAGE = `Usage: npm run demo -- --customers N --out FILE [--seed S] [--today YYYY-MM-DD] [--time-zone ZONE]

  --customers N     how many customers (0 to 1000000); about 2 passes and 10 ledger entries each
  --out FILE        where to write the venue file (JSON)
  --seed S          a whole number; the same seed and day give the same venue (default 1)
  --today DATE      the venue day the demo is "today" (default: today in the venue's zone)
  --time-zone ZONE  the venue's IANA time zone (default Europe/London)`;

const MAX_CUSTOMERS = 1_000_000;
const BATCH = 2000;

type DemoArguments = DemoVenueOptions & { out: string };

class UsageError extends Error {}

function parseDemoArguments(argv: readonly string[], nowMs: number): DemoArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        customers: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        'time-zone': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.customers === undefined) throw new UsageError('--customers is required');
  if (!/^\d+$/.test(values.customers) || Number(values.customers) > MAX_CUSTOMERS) {
    throw new UsageError(`--customers must be a whole number from 0 to ${MAX_CUSTOMERS}, not "${values.customers}"`);
  }
  if (values.out === undefined || values.out === '') throw new UsageError('--out FILE is required');
  const seed = values.seed ?? '1';
  if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${seed}"`);
  const timeZone = values['time-zone'] ?? 'Europe/London';
  if (!timeZoneSchema.safeParse(timeZone).success) throw new UsageError(`--time-zone "${timeZone}" is not an IANA time zone such as Europe/London`);
  // "Today" is the venue's day, not the machine's: a desk in London at 00:30 BST is already
  // on the next day while UTC is not.
  const today = values.today ?? DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate()!;
  if (!calendarDateSchema.safeParse(today).success) throw new UsageError(`--today must be a date YYYY-MM-DD, not "${today}"`);
  return { customers: Number(values.customers), seed: Number(seed), today, timeZone, out: resolve(values.out) };
}

/** Writes the venue as JSON, one record a line, honouring the stream's back-pressure. */
async function writeDemoVenue(plan: DemoVenuePlan, path: string): Promise<void> {
  const file = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  // Raced against every wait below; marked as handled so an early failure is not "unhandled".
  failed.catch(() => undefined);
  // A folder that does not exist is reported before a million entries are generated for it.
  await Promise.race([once(file, 'open'), failed]);
  const write = async (text: string) => {
    if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
  };
  const writeArray = async (name: string, records: Iterable<unknown>, last = false) => {
    await write(`"${name}": [`);
    let batch: string[] = [];
    let first = true;
    for (const record of records) {
      batch.push(JSON.stringify(record));
      if (batch.length === BATCH) {
        await write(`${first ? '\n' : ',\n'}${batch.join(',\n')}`);
        first = false;
        batch = [];
      }
    }
    if (batch.length > 0) await write(`${first ? '\n' : ',\n'}${batch.join(',\n')}`);
    await write(last ? '\n]\n' : '\n],\n');
  };
  await write(`{\n"venue": ${JSON.stringify(plan.venue)},\n`);
  await writeArray('products', plan.products);
  await writeArray('customers', plan.customers);
  await writeArray('passes', plan.passes);
  await writeArray('sessions', plan.sessions);
  await writeArray('bookings', plan.bookings);
  await writeArray('ledger', plan.ledgerEntries(), true);
  await write('}\n');
  file.end();
  await Promise.race([once(file, 'finish'), failed]);
}

function counted(number: number): string {
  return number.toLocaleString('en-GB');
}

async function main(): Promise<number> {
  const started = performance.now();
  let options: DemoArguments;
  try {
    options = parseDemoArguments(process.argv.slice(2), Date.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`demo: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const plan = planDemoVenue(options);
  // A half-written file must never look like a venue: write aside, then rename into place.
  const partial = `${options.out}.partial`;
  try {
    await writeDemoVenue(plan, partial);
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`demo: cannot write ${options.out}: ${why}\n`);
    return 1;
  }
  const { size } = await stat(options.out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const today = plan.sessions.filter((session) => venueDayOf(session.startsAt, options.timeZone) === options.today).length;
  process.stdout.write([
    `Wrote ${options.out} (${(size / 1_000_000).toFixed(1)} MB) in ${seconds} s`,
    `  venue      ${plan.venue.id} (${plan.venue.timeZone}), today ${options.today}, seed ${options.seed}`,
    `  products   ${counted(plan.products.length)}`,
    `  customers  ${counted(plan.customers.length)}`,
    `  passes     ${counted(plan.passes.length)}`,
    `  sessions   ${counted(plan.sessions.length)} (${today} today)`,
    `  bookings   ${counted(plan.bookings.length)} (${counted(plan.bookings.filter((booking) => booking.passId).length)} paid with a pass)`,
    `  ledger     ${counted(plan.ledgerSize)}`,
    '',
  ].join('\n'));
  return 0;
}

process.exitCode = await main();
