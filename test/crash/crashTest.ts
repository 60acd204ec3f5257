// `npm run crash-test`: no acknowledged command is lost to a crash (issue 7, "Crash safety").
//
//   tsx test/crash/crashTest.ts [--kills 200] [--seed S] [--customers 300] [--port 4827]
//                               [--lanes 2] [--stream-ms 2000] [--keep] [--sabotage] [--wipe-at 2]
//
// The browser topology, for real: main is a Node child process running the browser desk
// (deskProcess.ts), the storage host is Debian's Chromium, headless, on a persistent profile,
// serving RxDB's Dexie storage from the desk's fixed origin. This process is the door: it
// sends a stream of check-ins, undos and overrides over the desk's own API socket and keeps
// a record of every answer (commandBook.ts). At a random moment it SIGKILLs main's process or
// Chromium's browser process, alternately; now and then it kills the other one too while the
// desk is still recovering. It restarts what it killed, waits until the desk answers again
// (which is "the database opens"), and checks (recoveryCheck.ts), against the whole ledger
// read back from IndexedDB: every acknowledged command exactly once, nothing refused written,
// nothing unexplained, and the desk's pass states equal to the fold of that ledger. Once a run
// (`--wipe-at`), the storage host's IndexedDB is deleted before a restart, as Chromium deletes a
// database it finds damaged: the desk's own entries must come back from main's ledger journal.
//
// The counts go to stdout at the end (a summary, then one line of JSON); progress to stderr.
// Exit 1 on any loss, duplicate, mismatch, or a desk that does not come back.
// The seed decides the commands and the kill moments; what is in flight at a kill depends on
// timing too, so a seed narrows a failure down rather than replaying it exactly.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { VenueData } from '../../shared/schema/records';
import { testPort } from '../testPorts';
import { demoVenueFor } from '../../main/venue/demoVenue';
import { seededRandom, summarize } from '../bench/percentiles';
import { CommandBook } from './commandBook';
import type { DeskApiSocket } from './deskApiSocket';
import { connectDeskApi } from './deskApiSocket';
import type { ChromiumStorageHost, MainProcess } from './killableProcesses';
import { bundleDeskProcess, launchChromiumStorageHost, reapAll, startMainProcess } from './killableProcesses';
import { deleteLedgerDocument, readLedgerBack } from './ledgerReadBack';
import type { LedgerFindings } from './recoveryCheck';
import { checkLedger, checkPassStates, failuresOf, venueFactsOf } from './recoveryCheck';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    kills: { type: 'string', default: '200' },
    seed: { type: 'string' },
    customers: { type: 'string', default: '300' },
    // 4821 belongs to the e2e suite (test/e2e/deskTasks.spec.ts).
    port: { type: 'string', default: String(testPort(4827)) },
    lanes: { type: 'string', default: '2' },
    'stream-ms': { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    // Deletes one acknowledged entry from IndexedDB after the first kill: the run must fail.
    sabotage: { type: 'boolean', default: false },
    // The kill of the storage host (its ordinal) after which its IndexedDB is deleted, as Chromium
    // deletes a database it finds damaged at start; 0: never. See wipeDamagedDatabase.
    'wipe-at': { type: 'string', default: '2' },
  },
  strict: true,
});

const totalKills = positiveInteger('kills', values.kills);
const seed = values.seed === undefined ? randomBytes(4).readUInt32BE() : positiveInteger('seed', values.seed, 0);
const customers = positiveInteger('customers', values.customers);
const port = positiveInteger('port', values.port);
const lanes = positiveInteger('lanes', values.lanes);
const streamMs = positiveInteger('stream-ms', values['stream-ms']);
const wipeAt = positiveInteger('wipe-at', values['wipe-at'], 0);

/** How often a kill also hits the other process while the desk is still coming back. */
const RECOVERY_KILL_CHANCE = 0.15;
const RECOVERY_WINDOW_MS = 3_000;
/** A desk that has not answered again within this long after a restart did not come back. */
const READY_TIMEOUT_MS = 120_000;
/** Besides the passes touched since the last check, this many others, drawn at random. */
const SAMPLE_PASSES = 20;

const origin = `http://127.0.0.1:${port}`;
const startedMs = Date.now();
const random = seededRandom(seed);

function positiveInteger(name: string, text: string | undefined, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, not "${text}"`);
  return value;
}

function progress(line: string): void {
  const seconds = Math.round((Date.now() - startedMs) / 1000);
  process.stderr.write(`crash-test ${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')} ${line}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** The desk's origin includes its port: someone else's server there would take the page. */
async function portIsFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`127.0.0.1:${port} is in use: choose another with --port`)));
    probe.listen({ port, host: '127.0.0.1' }, () => probe.close(() => resolve()));
  });
}

type Target = 'main' | 'storage host';

type Counts = {
  kills: Record<Target, number>;
  /** Kills of one process while the desk was still coming back from a kill of the other. */
  duringRecovery: number;
  verifications: number;
  passStatesChecked: number;
  /** Times the desk's view disagreed with the ledger at first and agreed a moment later. */
  transientDeskMismatches: number;
  deskOpenings: number;
  openFailures: string[];
  /** Times the storage host's IndexedDB was deleted before its restart (`--wipe-at`). */
  wipes: number;
  recoveryMs: number[];
  verifyMs: number[];
};

type Outcome = { counts: Counts; findings: LedgerFindings; failures: string[]; commands: { issued: number; refused: number; unknown: number } };

async function run(): Promise<Outcome> {
  await portIsFree(port);
  const root = await mkdtemp(path.join(tmpdir(), 'desk-crash-'));
  if (!values.keep) removeOnSignal = root;
  progress(`seed ${seed}; ${totalKills} kills; folder ${root}`);

  // A private copy of the built pages: another engineer's `vite build` empties dist/renderer.
  const builtPages = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(path.join(builtPages, 'storage-host.html'))) throw new Error('no built pages in dist/renderer: run npm run build:renderer first');
  const pagesDir = path.join(root, 'pages');
  await cp(builtPages, pagesDir, { recursive: true });

  const script = await bundleDeskProcess(path.join(root, 'main'));
  const venue: VenueData = demoVenueFor(Date.now(), customers);
  const venueFile = path.join(root, 'venue.json');
  await writeFile(venueFile, JSON.stringify(venue));
  const venueLedgerIds = new Set(venue.ledger.map((entry) => entry.id));
  const facts = venueFactsOf(venue);
  const allPassIds = venue.passes.map((pass) => pass.id);
  progress(`venue: ${venue.customers.length} customers, ${venue.passes.length} passes, ${venue.ledger.length} ledger entries`);

  const secret = randomBytes(18).toString('base64url');
  const storageHostUrl = `${origin}/storage-host.html?s=${secret}`;
  const dataDir = path.join(root, 'data');
  const profileDir = path.join(root, 'profile');
  const counts: Counts = {
    kills: { 'main': 0, 'storage host': 0 }, duringRecovery: 0, verifications: 0, passStatesChecked: 0,
    transientDeskMismatches: 0, deskOpenings: 0, openFailures: [], wipes: 0, recoveryMs: [], verifyMs: [],
  };
  const failures: string[] = [];
  const book = new CommandBook(venue, random, Date.now());

  let main: MainProcess | null = null;
  let host: ChromiumStorageHost | null = null;
  let api: DeskApiSocket | null = null;
  let apiOpen = false;
  let completed = false;

  // main ends only when this process kills it; any other end (the port taken by someone
  // else while main was down, a crash at start) stops the run with main's last words.
  let mainEndedByItself: string | null = null;
  const startMain = () => {
    const started = startMainProcess({
      script, port, dataDir, secret, venueFile, pagesDir, logFile: path.join(root, 'main.log'),
      onLine(line) {
        if (line.includes('desk: storage connected, ready in')) counts.deskOpenings += 1;
        if (line.includes('desk: could not open the database')) counts.openFailures.push(line);
        if (line.includes('could not start:')) mainEndedByItself = line;
      },
    });
    main = started;
    void started.exited.then(() => {
      if (main === started) mainEndedByItself ??= `main (pid ${started.pid}) ended by itself`;
    });
  };

  const waitForServer = async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (mainEndedByItself) throw new Error(mainEndedByItself);
      const answered = await fetch(`${origin}/storage-host.html`).then(() => true, () => false);
      if (answered) return;
      if (Date.now() > deadline) throw new Error(`main's server did not answer on ${origin} within ${READY_TIMEOUT_MS} ms`);
      await sleep(100);
    }
  };

  const launchHost = async () => {
    await waitForServer();
    host = await launchChromiumStorageHost({ profileDir, storageHostUrl, logFile: path.join(root, 'chromium.log') });
  };

  /** Until the desk answers with its storage connected, on a desk opened after `openingsBefore`. */
  const waitForDesk = async (openingsBefore: number): Promise<DeskApiSocket> => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (mainEndedByItself) throw new Error(mainEndedByItself);
      if (!api || !apiOpen) {
        try {
          const socket = await connectDeskApi(origin, secret, 2_000);
          api = socket;
          apiOpen = true;
          void socket.closed.then(() => { if (api === socket) apiOpen = false; });
        } catch {
          await sleep(200);
          continue;
        }
      }
      if (counts.deskOpenings > openingsBefore) {
        const status = await api!.call('deskStatus', {});
        if (status.answered && status.result.ok && status.result.status.storage === 'connected' && status.result.status.venue) return api!;
      }
      await sleep(100);
    }
    throw new Error(`the desk did not come back within ${READY_TIMEOUT_MS} ms (desk openings ${counts.deskOpenings}; failures to open: ${counts.openFailures.length})`);
  };

  const kill = async (target: Target) => {
    counts.kills[target] += 1;
    if (target === 'main') {
      const killed = main!;
      main = null;
      await killed.kill();
    } else {
      await host!.kill();
      host = null;
    }
  };

  const restart = async (target: Target) => {
    if (target === 'main') startMain();
    else {
      if (counts.kills['storage host'] === wipeAt) await wipeDamagedDatabase();
      await launchHost();
    }
  };

  // Chromium, finding its IndexedDB damaged at start (a checksum mismatch of LevelDB, seen here
  // once after a SIGKILL), deletes the origin's data and opens empty: the venue comes back from
  // its file, and this desk's own entries only from main's ledger journal (main/state/ledgerJournal.ts).
  const wipeDamagedDatabase = async () => {
    await rm(path.join(profileDir, 'Default', 'IndexedDB'), { recursive: true, force: true });
    counts.wipes += 1;
    progress(`deleted the storage host's IndexedDB before its restart (kill ${counts.kills['main'] + counts.kills['storage host']}), as Chromium does with a damaged one`);
  };

  const verify = async (label: string, passIds: Iterable<string>) => {
    counts.verifications += 1;
    const verifyStarted = Date.now();
    const readBack = await readLedgerBack(host!.page);
    const findings = checkLedger(book, readBack, venueLedgerIds);
    const ledgerFailures = failuresOf(findings);
    if (ledgerFailures.length > 0) failures.push(...ledgerFailures.map((line) => `${label}: ${line}`));
    // The desk's view: how many entries it holds, and its pass states against the fold.
    const passes = [...passIds];
    let deskProblems: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      deskProblems = [];
      const desk = await waitForDesk(counts.deskOpenings - 1);
      const status = await desk.call('deskStatus', {});
      const held = status.answered && status.result.ok ? status.result.status.counts.ledger : null;
      if (held !== readBack.entries.length) deskProblems.push(`the desk holds ${held} ledger entries, IndexedDB ${readBack.entries.length}`);
      const states = await checkPassStates(desk, facts, readBack.entries, passes);
      counts.passStatesChecked += states.checked;
      deskProblems.push(...states.mismatches);
      if (deskProblems.length === 0) {
        if (attempt > 1) counts.transientDeskMismatches += 1;
        break;
      }
      await sleep(1_000);
    }
    failures.push(...deskProblems.map((line) => `${label}: desk view: ${line}`));
    counts.verifyMs.push(Date.now() - verifyStarted);
    return findings;
  };

  const stream = (afterKills: number, socket: DeskApiSocket) => {
    let stopped = false;
    const done = Promise.all(Array.from({ length: lanes }, async () => {
      while (!stopped) {
        const issued = book.issue(afterKills);
        book.settle(issued, await socket.call(issued.command.name, issued.command.payload as never));
      }
    }));
    return { stop: () => { stopped = true; }, done };
  };

  try {
    startMain();
    await launchHost();
    let desk = await waitForDesk(0);
    let findings = await verify('at the start', allPassIds);
    progress(`desk ready; the desk's pass states equal the fold for all ${allPassIds.length} passes`);

    let kills = 0;
    let killsReported = 0;
    while (kills < totalKills && failures.length === 0) {
      const target: Target = kills % 2 === 0 ? 'main' : 'storage host';
      const commands = stream(kills, desk);
      await sleep(random() * streamMs);
      // Stop drawing new commands, and kill while the ones in flight are in flight.
      commands.stop();
      const openingsBefore = counts.deskOpenings;
      await kill(target);
      kills += 1;
      const recoveryStarted = Date.now();
      await restart(target);
      while (kills < totalKills && random() < RECOVERY_KILL_CHANCE) {
        const other: Target = kills % 2 === 0 ? 'main' : 'storage host';
        await sleep(random() * RECOVERY_WINDOW_MS);
        await kill(other);
        kills += 1;
        counts.duringRecovery += 1;
        await restart(other);
      }
      await within(commands.done, READY_TIMEOUT_MS, 'the commands in flight at the kill');
      desk = await waitForDesk(openingsBefore);
      counts.recoveryMs.push(Date.now() - recoveryStarted);
      if (values.sabotage && kills === 1) {
        const victim = book.issued.findLast((issued) => issued.fate === 'acknowledged' && issued.checkInId);
        if (victim) {
          progress(`sabotage: deleting the entry of acknowledged command #${victim.n} (${victim.checkInId}) from IndexedDB`);
          await deleteLedgerDocument(host!.page, victim.checkInId!);
        }
      }
      const sample = Array.from({ length: SAMPLE_PASSES }, () => allPassIds[Math.floor(random() * allPassIds.length)]!);
      const passes = new Set([...book.touched, ...sample]);
      book.touched = new Set();
      findings = await verify(`after kill ${kills} (${target})`, passes);
      if (Math.floor(kills / 10) > Math.floor(killsReported / 10) || kills === totalKills) {
        killsReported = kills;
        progress(`${kills} kills: ${book.issued.length} commands, ${findings.acknowledged} acknowledged, ${findings.recovered} recovered, ${findings.lost.length} lost`);
      }
    }
    if (failures.length === 0) {
      findings = await verify('at the end', allPassIds);
      progress(`at the end: the desk's pass states equal the fold for all ${allPassIds.length} passes`);
    }
    completed = true;
    return { counts, findings, failures, commands: { issued: book.issued.length, refused: book.count('refused'), unknown: book.count('unknown') } };
  } finally {
    (api as DeskApiSocket | null)?.close();
    await Promise.all([
      (main as MainProcess | null)?.stop(),
      (host as ChromiumStorageHost | null)?.stop(),
    ]).catch(() => undefined);
    reapAll();
    const keep = values.keep || !completed || failures.length > 0;
    if (keep) progress(`kept ${root} (main.log, chromium.log, the profile and main's data folder)`);
    else await rm(root, { recursive: true, force: true });
  }
}

/** The temporary folder, removed even when the run is interrupted (unless --keep). */
let removeOnSignal: string | null = null;

process.on('exit', reapAll);
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    reapAll();
    if (removeOnSignal) rmSync(removeOnSignal, { recursive: true, force: true });
    process.exit(130);
  });
}

run().then(({ counts, findings, failures, commands }) => {
  const durationS = Math.round((Date.now() - startedMs) / 1000);
  const recovery = summarize(counts.recoveryMs);
  const verifying = summarize(counts.verifyMs);
  const summary = {
    seed,
    kills: { total: counts.kills['main'] + counts.kills['storage host'], main: counts.kills['main'], storageHost: counts.kills['storage host'], duringRecovery: counts.duringRecovery },
    commands: {
      issued: commands.issued,
      refused: commands.refused,
      acknowledged: findings.acknowledged,
      recovered: findings.recovered,
      lost: findings.lost.length,
      duplicated: findings.duplicated.length,
      altered: findings.altered.length,
      refusedButWritten: findings.refusedButWritten.length,
      unexplainedEntries: findings.phantoms.length,
      unknownOutcome: { landed: findings.unknownLanded, notLanded: findings.unknownNotLanded },
    },
    verifications: counts.verifications,
    passStatesChecked: counts.passStatesChecked,
    transientDeskMismatches: counts.transientDeskMismatches,
    deskOpenings: counts.deskOpenings,
    failuresToOpen: counts.openFailures.length,
    databaseDeleted: counts.wipes,
    recoveryMs: { p50: recovery.p50Ms, p95: recovery.p95Ms, max: recovery.maxMs },
    verifyMs: { p50: verifying.p50Ms, max: verifying.maxMs },
    durationS,
    failures: failures.length,
  };
  console.log(`crash test, seed ${seed}: ${summary.kills.total} kills (main ${summary.kills.main}, storage host ${summary.kills.storageHost}; ${summary.kills.duringRecovery} of them while the desk was recovering)`);
  console.log(`  ${commands.issued} commands: acknowledged ${findings.acknowledged}, recovered ${findings.recovered}, lost ${findings.lost.length}, duplicated ${findings.duplicated.length}, altered ${findings.altered.length}`);
  console.log(`  refused ${commands.refused} (written anyway: ${findings.refusedButWritten.length}), unexplained entries ${findings.phantoms.length}; outcome unknown at a kill: ${findings.unknownLanded} landed, ${findings.unknownNotLanded} did not`);
  console.log(`  ${counts.verifications} verifications, ${counts.passStatesChecked} pass states compared with the fold; the desk opened ${counts.deskOpenings} times (${counts.openFailures.length} failed attempts; its database deleted ${counts.wipes} time(s)); back after a kill in p50 ${recovery.p50Ms} ms, max ${recovery.maxMs} ms; a verification p50 ${verifying.p50Ms} ms`);
  console.log(`  ${durationS} s`);
  // A kill of the storage host while main opens the database fails that opening; the next
  // connection opens it again (the run checks that the desk came back).
  for (const line of counts.openFailures.slice(0, 5)) console.log(`  failed opening: ${line.slice(0, 300)}`);
  for (const line of failures.slice(0, 50)) console.log(`FAIL ${line}`);
  if (failures.length > 50) console.log(`FAIL … and ${failures.length - 50} more`);
  console.log(JSON.stringify(summary));
  process.exitCode = failures.length > 0 || findings.lost.length > 0 ? 1 : 0;
}, (error: unknown) => {
  console.log(`crash test, seed ${seed}: could not run to the end: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
