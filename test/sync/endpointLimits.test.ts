// Issue 12 ("a flooded endpoint, a full disk"), the desk's side: an endpoint that limits this
// desk or cannot write answers with a code, and the desk says which (SyncStatus.problemCode,
// put in words by the renderer), keeps what it made, waits at least as long as the endpoint
// asked (Retry-After) instead of hammering it, and carries on when it is over. Each against the
// real endpoint, started here with small limits (PGlite; PostgreSQL stopped and started again
// for the database that is away).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncServerOptions } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import type { TestDesk } from './syncTestbed';
import { closedAfterEach } from './pairedDesks';
import { syncSettingsInMemory } from '../../main/sync/syncSettings';
import { eventually, openTestDesk, testDeskEpochMs, tinyVenue } from './syncTestbed';
import { createDatabase, findPostgres, startPostgresCluster } from '../server/postgresCluster';

const postgres = findPostgres();

const opened = closedAfterEach();

type Answered = { path: string; status: number };

async function endpointWith(options: Partial<SyncServerOptions>): Promise<{ url: string; settings: EndpointSettings }> {
  const startedMs = Date.now();
  const server = await startSyncServer({ database: { kind: 'pglite-memory' }, now: () => testDeskEpochMs + (Date.now() - startedMs), ...options });
  opened.push(server);
  const venue = tinyVenue('v1');
  await server.admin.createVenue(venue.venue);
  await server.admin.importVenueData('v1', venue);
  return { url: server.url, settings: { url: server.url, token: (await server.admin.issueDevice('v1', 'A')).token } };
}

/** A desk paired with the endpoint, whose every answer is noted (path and status). */
async function pairedDesk(settings: EndpointSettings, until: (desk: TestDesk) => boolean = (desk) => sync(desk).online && sync(desk).initial === null): Promise<{ desk: TestDesk; answered: Answered[] }> {
  const answered: Answered[] = [];
  const counting: FetchFunction = async (url, init) => {
    const response = await fetch(url, init);
    answered.push({ path: new URL(url).pathname, status: response.status });
    return response;
  };
  const desk = await openTestDesk({ deskId: 'A', venue: null, fetch: counting });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
  await eventually('the desk paired and synced', () => until(desk));
  return { desk, answered };
}

const sync = (desk: TestDesk) => desk.desk.status('connected').sync;

async function checkIn(desk: TestDesk): Promise<void> {
  expect(await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
}

describe('an endpoint that limits this desk or is full', () => {
  it('too many wrong tokens from this network (429 too-many-failed-attempts, Retry-After): the desk says so, asks again only after the wait, and then sends its check-in', async () => {
    const { url, settings } = await endpointWith({ failedAuthLimit: { max: 3, windowMs: 3_000 } });
    const { desk, answered } = await pairedDesk(settings);
    // Someone on this network (the same address as the desk) tries wrong tokens.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await fetch(`${url}/sync/hello`, { headers: { authorization: 'Bearer not-a-token-of-this-venue' } })).status).toBe(401);
    }
    const refused = await fetch(`${url}/sync/hello`, { headers: { authorization: `Bearer ${settings.token}` } });
    expect([refused.status, Number(refused.headers.get('retry-after'))]).toEqual([429, expect.any(Number)]);

    await checkIn(desk);
    await eventually('the status names the limit', () => sync(desk).problemCode === 'too-many-failed-attempts');
    expect(sync(desk).waiting).toBe(1);
    await eventually('the check-in sent once the wait is over', () => sync(desk).waiting === 0 && sync(desk).problemCode === null, 20_000);
    // Each request asked again only after the wait: retried at the desk's own pace (50 ms
    // growing to 400 ms here), each would have been refused about ten times in the window.
    const limited = answered.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    const perPath = new Map<string, number>();
    for (const answer of limited) perPath.set(answer.path, (perPath.get(answer.path) ?? 0) + 1);
    expect(Math.max(...perPath.values())).toBeLessThanOrEqual(2);
  });

  it('the endpoint\'s disk is full (507 storage-full): the desk says so, keeps the check-in waiting, and sends it when there is room again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'endpoint-limits-'));
    opened.push({ close: () => rm(dataDir, { recursive: true, force: true }) });
    let freeBytes = 10 * 1024 ** 3;
    const { url, settings } = await endpointWith({ database: { kind: 'pglite', dataDir }, freeSpace: async () => freeBytes });
    const { desk, answered } = await pairedDesk(settings);
    freeBytes = 0;
    await eventually('the endpoint knows its disk is full', async () => (await fetch(`${url}/healthz`)).status === 503);

    await checkIn(desk);
    await eventually('the status names the full disk', () => sync(desk).problemCode === 'endpoint-disk-full');
    expect(sync(desk)).toMatchObject({ online: true, waiting: 1 });
    expect(answered.some((answer) => answer.path.endsWith('/push') && answer.status === 507)).toBe(true);

    freeBytes = 10 * 1024 ** 3;
    await eventually('the check-in sent once there is room', () => sync(desk).waiting === 0 && sync(desk).problemCode === null, 20_000);
  });

  it('this device already holds its live streams (429 too-many-streams, Retry-After): the desk says so while pulls get through, asks again only after the wait, and streams once one closes', async () => {
    const { url, settings } = await endpointWith({ maxStreamsPerDevice: 1, heartbeatMs: 2_000 });
    // Another screen with the same device token holds the one stream.
    const other = new AbortController();
    const held = await fetch(`${url}/sync/stream`, { headers: { authorization: `Bearer ${settings.token}` }, signal: other.signal });
    expect(held.status).toBe(200);
    opened.push({ close: async () => other.abort() });

    const { desk, answered } = await pairedDesk(settings, (paired) => sync(paired).initial === null && sync(paired).problemCode === 'too-many-streams');
    const refusedAt = answered.filter((answer) => answer.path.endsWith('/stream')).length;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    // Still said while the pulls succeed; asked again about every 2 s (Retry-After), not at the desk's own 50–400 ms.
    expect(sync(desk).problemCode).toBe('too-many-streams');
    const streamsAsked = answered.filter((answer) => answer.path.endsWith('/stream')).length - refusedAt;
    expect(streamsAsked).toBeLessThanOrEqual(3);

    other.abort();
    await eventually('the desk streams again and the problem is gone', () => sync(desk).problemCode === null && answered.some((answer) => answer.path.endsWith('/stream') && answer.status === 200), 20_000);
  });

  it.skipIf(!postgres.ok)('the endpoint\'s database is away (503 unavailable, PostgreSQL stopped): the desk says so, keeps the check-in waiting, and sends it when the database is back', async () => {
    if (!postgres.ok) return;
    const cluster = await startPostgresCluster(postgres);
    opened.push({ close: () => cluster.stop() });
    const { settings } = await endpointWith({ database: { kind: 'postgres', url: await createDatabase(cluster.adminUrl, 'endpoint_limits') } });
    const { desk, answered } = await pairedDesk(settings);
    await cluster.pause();

    await checkIn(desk);
    await eventually('the status names the database away', () => sync(desk).problemCode === 'endpoint-unavailable', 30_000);
    expect(sync(desk)).toMatchObject({ online: true, waiting: 1 });
    expect(answered.some((answer) => answer.status === 503)).toBe(true);

    await cluster.resume();
    await eventually('the check-in sent once the database is back', () => sync(desk).waiting === 0 && sync(desk).problemCode === null, 60_000);
  });

  it('a paired desk whose data is gone asks for its venue again only after the wait when the network is turned away (429), and says why', async () => {
    const { url, settings } = await endpointWith({ failedAuthLimit: { max: 3, windowMs: 3_000 } });
    for (let attempt = 0; attempt < 3; attempt += 1) await fetch(`${url}/sync/hello`, { headers: { authorization: 'Bearer not-a-token-of-this-venue' } });
    const hellos: number[] = [];
    const counting: FetchFunction = async (address, init) => {
      const response = await fetch(address, init);
      if (new URL(address).pathname === '/sync/hello') hellos.push(response.status);
      return response;
    };
    const desk = await openTestDesk({ deskId: 'A', venue: null, fetch: counting, store: syncSettingsInMemory(settings) });
    opened.push(desk);
    await desk.desk.sync.resume();
    await eventually('the status names the limit', () => sync(desk).problemCode === 'too-many-failed-attempts');
    await eventually('the venue came once the wait was over', () => desk.desk.context.venue !== null && sync(desk).problemCode === null, 20_000);
    // Asked again at the desk's own pace (50 ms growing to 400 ms here) it would have been turned away about ten times.
    expect(hellos.filter((status) => status === 429).length).toBeLessThanOrEqual(2);
  });
});
