// A desk's ordered endpoints (SPEC "The venue's network"): the venue hub first, upstream second.
// A real hub process (`npm run server -- hub`) serves real desks on loopback addresses only
// (upstream on 127.0.0.1, the hub on 127.0.0.2, its port through test/testPorts.ts); SIGKILLed,
// the desks fail over to upstream and keep each other current through it; restarted, they go
// back to it. Nothing lost, nothing doubled: every entry reaches upstream by both routes and
// is kept once. A hub whose certificate changed is refused, and said, while upstream serves.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { VenueData } from '../../shared/schema/records';
import { decodePairingCode } from '../../shared/schema/pairingCode';
import { testPort } from '../testPorts';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';

const HUB_ADDRESS = `127.0.0.2:${testPort(4996)}`;
const folder = mkdtempSync(join(tmpdir(), 'hub-failover-'));
const children: ChildProcess[] = [];
const opened: { close(): Promise<void> }[] = [];
/** Failover after 2 s without an answer (10 s in a desk), the hub asked again every 0.5 s. */
const failover = { afterMs: 2_000, probeEveryMs: 500 };

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The tiny venue with its session this evening: the hub is a real process on the real clock, so the desks and upstream are too. */
function venueToday(nowMs: number): VenueData {
  const venue = tinyVenue('v1');
  const startsAt = new Date(nowMs + 3_600_000).toISOString();
  const endsAt = new Date(nowMs + 7_200_000).toISOString();
  return { ...venue, sessions: venue.sessions.map((session) => ({ ...session, startsAt, endsAt })) };
}

type HubProcess = { child: ChildProcess; output: () => string; codes: EndpointSettings[] };

function startHubProcess(dataFolder: string, upstreamUrl: string, token: string, pair: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'hub', '--upstream', upstreamUrl, '--data', join(folder, dataFolder), '--listen', HUB_ADDRESS, ...pair.flatMap((name) => ['--pair', name])], {
    env: { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: '', BOX_OFFICE_UPSTREAM_TOKEN: token },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`the hub did not start: ${output}`)), 90_000);
    const check = setInterval(() => {
      const codes = [...output.matchAll(/BOX1-\S+/g)].map((match) => match[0]);
      if (/Venue hub for .* on https:\/\//.test(output) && codes.length >= pair.length) {
        clearInterval(check);
        clearTimeout(deadline);
        resolve({ child, output: () => output, codes: codes.map(settingsOf) });
      } else if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(deadline);
        reject(new Error(`the hub exited ${child.exitCode}: ${output}`));
      }
    }, 100);
  });
}

/** Started again as a service manager would: a SIGKILLed hub's data folder stays locked for up to 30 s. */
async function restartHub(dataFolder: string, upstreamUrl: string, token: string): Promise<HubProcess> {
  for (let attempt = 0; ; attempt += 1) {
    const started = await startHubProcess(dataFolder, upstreamUrl, token, []).catch((error: unknown) => {
      if (attempt > 30 || !String(error).includes('is in use by process')) throw error;
      return null;
    });
    if (started) return started;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function kill(hub: HubProcess): Promise<void> {
  hub.child.kill('SIGKILL');
  if (hub.child.exitCode === null) await new Promise((resolve) => hub.child.once('exit', resolve));
}

function settingsOf(code: string): EndpointSettings {
  const decoded = decodePairingCode(code);
  if (!decoded.ok) throw new Error(`the printed pairing code does not read: ${code}`);
  const { url, token, certificate } = decoded.pairing;
  return { url, token, ...(certificate ? { certificate } : {}) };
}

/** Paired with both, in the order given; the list is hub first whichever came first. */
async function deskWithBoth(deskId: string, venue: VenueData, ...pairings: EndpointSettings[]): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId, venue, nowMs: Date.now(), failover });
  opened.push(desk);
  for (const settings of pairings) expect(await desk.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
  return desk;
}

function routeOf(desk: TestDesk): string | undefined {
  const sync = desk.desk.status('connected').sync;
  return sync.online ? sync.endpoints?.find((entry) => entry.inUse)?.kind : undefined;
}

function ledgerIds(desk: TestDesk): string[] {
  return [...desk.desk.context.memory.ledger.keys()].sort();
}

async function checkIn(desk: TestDesk, customerId: string, confirmDuplicate = false): Promise<string> {
  desk.setNow(Date.now());
  const result = await desk.desk.call('checkIn', { customerId, sessionId: 's1', ...(confirmDuplicate ? { confirmDuplicate } : {}) });
  expect(result).toMatchObject({ ok: true });
  return (result as { checkInId: string }).checkInId;
}

it('desks fail over to upstream when the hub process is SIGKILLed and go back when it restarts; every entry reaches upstream once', async () => {
  const nowMs = Date.now();
  const venue = venueToday(nowMs);
  const upstream = await startTestEndpoint({ kind: 'pglite-memory' }, 0, nowMs);
  opened.push(upstream);
  const [forHub, upA, upB, observer] = await venueOnEndpoint(upstream, venue, ['hub', 'A', 'B', 'observer']) as EndpointSettings[];
  const hub = await startHubProcess('hub-data', upstream.url, forHub!.token, ['A', 'B']);
  const a = await deskWithBoth('A', venue, upA!, hub.codes[0]!);
  const b = await deskWithBoth('B', venue, upB!, hub.codes[1]!);
  // Pairing with the hub kept upstream: hub first, upstream second, the hub in use.
  expect(a.desk.status('connected').sync.endpoints).toEqual([
    { kind: 'hub', url: `https://${HUB_ADDRESS}`, inUse: true },
    { kind: 'upstream', url: upstream.url, inUse: false },
  ]);
  expect(await a.store.read()).toEqual([hub.codes[0], upA]);
  await eventually('both desks on the hub', () => routeOf(a) === 'hub' && routeOf(b) === 'hub', 30_000);

  const first = await checkIn(a, 'c1');
  await eventually('B has A\'s check-in through the hub', () => b.desk.context.memory.ledger.has(first), 15_000);

  await kill(hub);
  // A check-in made while the hub is gone, before and after the desks notice.
  const during = await checkIn(a, 'c2');
  await eventually('both desks on upstream', () => routeOf(a) === 'upstream' && routeOf(b) === 'upstream', 30_000);
  expect(a.logs.join('\n')).toMatch(/has not answered for \d+ s; syncing with http/);
  await eventually('B has A\'s check-in through upstream', () => b.desk.context.memory.ledger.has(during), 15_000);
  const onUpstream = await checkIn(b, 'c1', true);
  await eventually('A has B\'s check-in through upstream', () => a.desk.context.memory.ledger.has(onUpstream), 15_000);

  const again = await restartHub('hub-data', upstream.url, forHub!.token);
  children.push(again.child);
  await eventually('both desks back on the hub', () => routeOf(a) === 'hub' && routeOf(b) === 'hub', 60_000);
  const back = await checkIn(b, 'c2', true);
  await eventually('A has B\'s check-in through the hub again', () => a.desk.context.memory.ledger.has(back), 15_000);

  // Nothing lost, nothing doubled: upstream holds each entry once, whichever routes it took, and so does every desk.
  const made = [first, during, onUpstream, back];
  await eventually('upstream has every check-in, once each', async () => {
    const ids = (await endpointDocuments(observer!, 'ledger')).map((document) => document.id);
    return made.every((id) => ids.includes(id)) && new Set(ids).size === ids.length;
  }, 30_000);
  const atUpstream = (await endpointDocuments(observer!, 'ledger')).map((document) => document.id).sort();
  await eventually('every desk holds what upstream holds', () => JSON.stringify(ledgerIds(a)) === JSON.stringify(atUpstream) && JSON.stringify(ledgerIds(b)) === JSON.stringify(atUpstream), 15_000);
  await kill(again);
}, 240_000);

it('a hub whose certificate changed is refused and said, while upstream serves the desk', async () => {
  const nowMs = Date.now();
  const venue = venueToday(nowMs);
  const upstream = await startTestEndpoint({ kind: 'pglite-memory' }, 0, nowMs);
  opened.push(upstream);
  const [forHub, upA, observer] = await venueOnEndpoint(upstream, venue, ['hub', 'A', 'observer']) as EndpointSettings[];
  const hub = await startHubProcess('first-hub', upstream.url, forHub!.token, ['A']);
  // Paired with the hub first, then with upstream: the hub stays first.
  const a = await deskWithBoth('A', venue, hub.codes[0]!, upA!);
  expect(await a.store.read()).toEqual([hub.codes[0], upA]);
  await eventually('the desk back on the hub after pairing upstream', () => routeOf(a) === 'hub', 30_000);
  await kill(hub);
  // Its data folder lost: a new hub at the same address, with a new certificate.
  const impostor = await startHubProcess('second-hub', upstream.url, forHub!.token, []);
  expect(impostor.output()).not.toContain(hub.codes[0]!.certificate!);

  await eventually('the desk on upstream', () => routeOf(a) === 'upstream', 30_000);
  const sync = await eventually('the refusal said', () => {
    const status = a.desk.status('connected').sync;
    return status.problemCode === 'hub-untrusted' ? status : null;
  }, 15_000);
  expect(sync.problem).toEqual({ note: 'sync-hub-untrusted-standby' });
  // Said in the log too, whether the desk turned to upstream on the refusal or before it (the new hub was not up yet).
  expect(a.logs.join('\n')).toMatch(/showed a certificate that is not the one this desk was paired with; (syncing|staying) with http/);
  const made = await checkIn(a, 'c1');
  await eventually('upstream has the check-in', async () => (await endpointDocuments(observer!, 'ledger')).some((document) => document.id === made), 15_000);
  // Still said while the new hub answers (a probe that finds it is refused again), and the desk stays on upstream.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(routeOf(a)).toBe('upstream');
  expect(a.desk.status('connected').sync.problemCode).toBe('hub-untrusted');

  // An admin removes the hub in Setup: upstream alone, nothing left to say about the hub.
  const removed = await a.desk.call('unpairEndpoint', { which: 'hub' });
  expect(removed).toMatchObject({ ok: true });
  expect(await a.store.read()).toEqual([upA]);
  await eventually('the desk on upstream alone, the hub no longer said', () => {
    const status = a.desk.status('connected').sync;
    return status.online && status.problem === null && JSON.stringify(status.endpoints) === JSON.stringify([{ kind: 'upstream', url: upstream.url, inUse: true }]);
  }, 15_000);
  await kill(impostor);
}, 240_000);
