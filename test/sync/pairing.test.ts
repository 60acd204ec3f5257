// Pairing a desk (SPEC "Setting up"): the address and token are checked with one test call
// before anything is stored; each way it can go wrong has its own answer; a pairing starts
// replication and unpairing stops it.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSettingsFile } from '../../main/sync/syncSettings';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
import type { Refusal } from '../../shared/rules/errors';
import { wordsIn } from '../../renderer/i18n/wordsIn';

const english = wordsIn('en-GB');

let endpoint: RunningEndpoint;
let v1: EndpointSettings;
let v1Revoked: EndpointSettings;
let v2: EndpointSettings;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  [v1, v1Revoked] = await venueOnEndpoint(endpoint, tinyVenue('v1'), ['desk', 'revoked']) as [EndpointSettings, EndpointSettings];
  [v2] = await venueOnEndpoint(endpoint, tinyVenue('v2'), ['desk']) as [EndpointSettings];
  await endpoint.server.admin.revokeDevice(v1Revoked.token);
});

afterAll(async () => {
  await endpoint?.close();
});

describe('pairEndpoint refuses, and stores nothing, when', () => {
  const cases: { when: string; input: () => { url: string; token: string }; error: string; says: RegExp; details?: RegExp }[] = [
    { when: 'nothing listens at the address', input: () => ({ url: 'http://127.0.0.1:9', token: v1.token }), error: 'endpoint-unreachable', says: /^No answer from the sync endpoint\. Check the address and the network\.$/, details: /fetch failed|ECONNREFUSED/ },
    { when: 'the token is unknown', input: () => ({ url: v1.url, token: 'not-a-token-of-this-endpoint' }), error: 'endpoint-refused', says: /^The endpoint refused this device token\. Check the token/, details: /HTTP 401/ },
    { when: 'the token was revoked', input: () => ({ url: v1.url, token: v1Revoked.token }), error: 'endpoint-refused', says: /refused this device token/ },
    { when: 'the token opens another venue than the desk holds', input: () => ({ url: v2.url, token: v2.token }), error: 'endpoint-refused', says: /holds venue “v1”, but the sync endpoint serves venue “v2”/ },
    { when: 'the address is not a sync endpoint', input: () => ({ url: `${v1.url}/not/here`, token: v1.token }), error: 'endpoint-unreachable', says: /does not answer like a box-office sync endpoint/ },
  ];

  it.each(cases)('$when', async ({ input, error, says, details }) => {
    const desk = await openTestDesk({ deskId: 'A', venue: tinyVenue('v1') });
    try {
      const result = await desk.desk.call('pairEndpoint', input());
      expect(result).toMatchObject({ ok: false, error });
      // Main sends a note; its sentence is the renderer's (renderer/i18n/locales/en-GB.json).
      const refusal = result as Refusal;
      expect(english.refusalWords(refusal.error, refusal.note)).toMatch(says);
      // What the endpoint said is apart from the sentence, for a Details disclosure.
      if (details) expect((result as { details?: string }).details).toMatch(details);
      expect(await desk.store.read()).toEqual([]);
      expect(desk.desk.status('connected').sync.endpoint).toBeNull();
    } finally {
      await desk.close();
    }
  });

  it('the input is malformed', async () => {
    const desk = await openTestDesk({ deskId: 'A', venue: tinyVenue('v1') });
    try {
      expect(await desk.desk.call('pairEndpoint', { url: 'ftp://x', token: v1.token })).toMatchObject({ ok: false, error: 'invalid-input' });
      expect(await desk.desk.call('pairEndpoint', { url: v1.url, token: 'short' })).toMatchObject({ ok: false, error: 'invalid-input' });
    } finally {
      await desk.close();
    }
  });
});

describe('a pairing', () => {
  it('is stored once (the token readable by this user only), starts replication, and unpairing stops it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'desk-pairing-'));
    const store = syncSettingsFile(dataDir);
    const desk = await openTestDesk({ deskId: 'A', venue: null, store });
    try {
      const paired = await desk.desk.call('pairEndpoint', { url: v1.url, token: v1.token });
      expect(paired).toMatchObject({ ok: true, status: { endpoint: v1.url } });
      const file = join(dataDir, 'sync.json');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ endpoints: [{ url: v1.url, token: v1.token }] });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      // A new desk takes its venue from the endpoint, then its data.
      expect(desk.desk.status('connected').venue).toMatchObject({ id: 'v1', timeZone: 'Europe/London' });
      await eventually('the venue synced', () => desk.desk.context.memory.passes.size === 2 && desk.desk.context.memory.ledgerSize === 1);
      await eventually('online and caught up', () => {
        const sync = desk.desk.status('connected').sync;
        return sync.online && sync.initial === null && sync.lastSyncedAt !== null;
      });
      // The token never shows in what the UI gets.
      expect(JSON.stringify(desk.desk.status('connected'))).not.toContain(v1.token);

      const unpaired = await desk.desk.call('unpairEndpoint', {});
      expect(unpaired).toMatchObject({ ok: true, status: { endpoint: null, online: false } });
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
      // Unpaired, the desk still works.
      expect(await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true, charged: true });
    } finally {
      await desk.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("takes the venue's locale from the endpoint, so the desk types dates as the venue writes them (en-US here)", async () => {
    const venue = tinyVenue('v-us');
    const [us] = await venueOnEndpoint(endpoint, { ...venue, venue: { ...venue.venue, locale: 'en-US' } }, ['desk']) as [EndpointSettings];
    const desk = await openTestDesk({ deskId: 'A', venue: null });
    try {
      expect(await desk.desk.call('pairEndpoint', { url: us.url, token: us.token })).toMatchObject({ ok: true });
      expect(desk.desk.status('connected').venue).toMatchObject({ id: 'v-us', locale: 'en-US' });
    } finally {
      await desk.close();
    }
  });

  it('made at start-up from the stored settings, with the endpoint down, leaves the desk working and offline', async () => {
    const store = syncSettingsFile(await mkdtemp(join(tmpdir(), 'desk-pairing-')));
    await store.write([{ url: 'http://127.0.0.1:9', token: v1.token }]);
    const desk = await openTestDesk({ deskId: 'A', venue: tinyVenue('v1'), store });
    try {
      await desk.desk.sync.resume();
      expect(await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
      const status = await eventually('a problem line', () => {
        const sync = desk.desk.status('connected').sync;
        return sync.problem ? sync : null;
      });
      expect(status).toMatchObject({ endpoint: 'http://127.0.0.1:9', online: false, waiting: 1 });
      expect(status.problem).toEqual({ note: 'sync-unreachable' });
    } finally {
      await desk.close();
    }
  });
});

describe('the stored pairing', () => {
  it('is a list, hub first and upstream second, kept 0600; a desk paired before the list came reads its one endpoint as a list of one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'desk-pairing-'));
    try {
      const upstream = { url: 'https://sync.example.com', token: 'upstream-token' };
      await writeFile(join(dataDir, 'sync.json'), JSON.stringify(upstream));
      const store = syncSettingsFile(dataDir);
      expect(await store.read()).toEqual([upstream]);
      const hub = { url: 'https://127.0.0.2:4700', token: 'hub-token', certificate: Array.from({ length: 32 }, () => 'AB').join(':') };
      await store.write([upstream, hub]);
      expect(await store.read()).toEqual([hub, upstream]);
      expect(JSON.parse(await readFile(join(dataDir, 'sync.json'), 'utf8'))).toEqual({ endpoints: [hub, upstream] });
      expect((await stat(join(dataDir, 'sync.json'))).mode & 0o777).toBe(0o600);
      // Three endpoints (a hand-edited file) is no list of this desk's: set aside, the desk runs unpaired.
      await writeFile(join(dataDir, 'sync.json'), JSON.stringify({ endpoints: [hub, upstream, upstream] }));
      expect(await syncSettingsFile(dataDir, () => undefined).read()).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when damaged is set aside, and the desk runs unpaired', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'desk-pairing-'));
    try {
      await writeFile(join(dataDir, 'sync.json'), '{"url": "http://127.0.0.1:1", "tok');
      const logs: string[] = [];
      expect(await syncSettingsFile(dataDir, (line) => logs.push(line)).read()).toEqual([]);
      expect((await readdir(dataDir)).some((name) => name.startsWith('sync.json.damaged-'))).toBe(true);
      expect(logs.join('\n')).toMatch(/was damaged .*not paired until it is paired again/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
