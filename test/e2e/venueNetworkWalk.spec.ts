// Issue 17's walk, the way a venue meets it (docs/venue-network.md): the venue's endpoint on
// the internet (upstream, 127.0.0.1), the venue's internet link (a proxy in this test on
// 127.0.0.3 that can be cut), a venue hub as `npm run server -- hub` runs it (a child process
// on 127.0.0.2) and three desks, each its own main process and Chromium, paired with the hub by
// the pairing codes it printed, typed into their Pair screens. The internet is cut; door staff
// check a customer in at desk A and another at desk B, by keyboard, and desk C shows both
// within a second (the times are printed, never asserted); the first customer at desk B gets the
// duplicate warning; the internet comes back, and upstream holds every desk's check-ins once
// each, and every desk holds exactly what upstream holds.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { testPort } from '../testPorts';
import { startCuttableProxy } from '../server/cuttableProxy';
import { SyncTestClient } from '../server/syncTestClient';
import { connectDeskApi } from '../crash/deskApiSocket';
import type { DeskApiSocket } from '../crash/deskApiSocket';
import { deskFolders, openBrowserDeskProcess } from './browserDesk';
import type { BrowserDeskProcess, DeskFolders } from './browserDesk';
import { startVenueEndpoint } from './venueEndpoint';

const HUB_ADDRESS = `127.0.0.2:${testPort(4931)}`;
const screenshots = 'test-results/venue-network-walk';
const ledgerKinds = new Set(['check-in', 'undo-check-in', 'expiry-override', 'uses-override', 'revoke']);

type HubProcess = { child: ChildProcess; output: () => string; stop(): Promise<number | null> };

/** `npm run server -- hub` as the venue's IT person runs it; resolves once it printed a code for each desk. */
async function startHubProcess(upstreamUrl: string, token: string, dataDir: string, desks: readonly string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'hub', '--upstream', upstreamUrl, '--data', dataDir, '--listen', HUB_ADDRESS, ...desks.flatMap((name) => ['--pair', name])], {
    env: { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: '', BOX_OFFICE_UPSTREAM_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const deadline = Date.now() + 90_000;
  while ((output.match(/BOX1-\S+/g) ?? []).length < desks.length) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the hub did not start:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return { child, output: () => output, stop };
}

function pairingCodeFor(hub: HubProcess, desk: string): string {
  const code = new RegExp(`Pairing code for "${desk}"[^\\n]*\\n\\s+(BOX1-\\S+)`).exec(hub.output())?.[1];
  if (!code) throw new Error(`the hub printed no pairing code for ${desk}:\n${hub.output()}`);
  return code;
}

type WalkDesk = { name: string; folders: DeskFolders; running: BrowserDeskProcess; api: DeskApiSocket; page: Page };

/** Shows `query`'s first customer at the door (F1, the search box), as door staff type it. */
async function findAtDoor(page: Page, query: string, name: string): Promise<void> {
  await page.keyboard.press('F1');
  const search = page.getByTestId('customer-search');
  await search.fill('');
  await search.pressSequentially(query);
  await expect(page.getByTestId('check-in-preview')).toContainText(name);
}

// In the page (a string: the tests' TypeScript knows no DOM): notes when the door's preview
// first says the customer is in already.
const watchForAlreadyIn = `(() => {
  globalThis.__seenWatch?.disconnect();
  globalThis.__seenAt = null;
  const look = () => {
    const preview = document.querySelector('[data-testid="check-in-preview"]');
    if (globalThis.__seenAt === null && preview?.textContent?.includes('Already checked in')) globalThis.__seenAt = Date.now();
  };
  globalThis.__seenWatch = new MutationObserver(look);
  globalThis.__seenWatch.observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * Desk `to` shows `name` at its door; desk `from` checks them in by keyboard. Returns the
 * milliseconds from the key at `from` to `to`'s screen saying they are in already (noted by the
 * page itself as the words appear; the same machine's clock on both ends).
 */
async function propagation(from: WalkDesk, to: WalkDesk, query: string, name: string): Promise<number> {
  await findAtDoor(to.page, query, name);
  const preview = to.page.getByTestId('check-in-preview');
  await expect(preview).not.toContainText('Already checked in');
  await to.page.evaluate(watchForAlreadyIn);
  await findAtDoor(from.page, query, name);
  const pressedAt = Date.now();
  await from.page.keyboard.press('Enter');
  await expect(from.page.getByTestId('check-in-result')).toContainText('Checked in');
  // A generous poll, not a timed assertion: the second is measured and printed.
  const seenAt = () => to.page.evaluate(() => (globalThis as unknown as { __seenAt: number | null }).__seenAt);
  await expect.poll(seenAt, { timeout: 15_000 }).not.toBeNull();
  await expect(preview).toContainText('Already checked in');
  return (await seenAt())! - pressedAt;
}

async function call<T>(desk: WalkDesk, outcome: Promise<{ answered: true; result: T } | { answered: false; why: string }>): Promise<T> {
  const answer = await outcome;
  if (!answer.answered) throw new Error(`desk ${desk.name} did not answer: ${answer.why}`);
  return answer.result;
}

/** This desk's ledger entries, by pass (each pass's history, from its own memory). */
async function ledgerOnDesk(desk: WalkDesk, passIds: readonly string[]): Promise<{ count: number; byPass: Record<string, string[]> }> {
  const status = await call(desk, desk.api.call('deskStatus', {}));
  if (!status.ok) throw new Error(`desk ${desk.name}: no status`);
  const byPass: Record<string, string[]> = {};
  for (const passId of passIds) {
    const history = await call(desk, desk.api.call('passHistory', { passId }));
    if (!history.ok) throw new Error(`desk ${desk.name}: no history of ${passId}`);
    byPass[passId] = history.items.filter((item) => ledgerKinds.has(item.kind)).map((item) => item.id).sort();
  }
  return { count: status.status.counts.ledger, byPass };
}

test('three desks and a hub: with the internet cut, check-ins at two desks show at the third within a second, the duplicate warning works across desks, and once it is back upstream and every desk hold the same entries, each once', async () => {
  test.setTimeout(360_000);
  const root = await mkdtemp(join(tmpdir(), 'venue-walk-'));
  const upstream = await startVenueEndpoint(4930);
  const line = await startCuttableProxy(upstream.url);
  const { venue } = upstream;
  const desks: WalkDesk[] = [];
  let hub: HubProcess | null = null;
  try {
    const office = new SyncTestClient(upstream.url, (await upstream.pairingFor('office')).token);
    const ledgerUpstream = async () => (await office.pullAll('ledger', 1000)).documents as { id: string; passId?: string }[];
    const before = (await ledgerUpstream()).map((entry) => entry.id);

    // ---- The hub, as the venue's IT person starts it, with a pairing code for each desk ------
    hub = await startHubProcess(line.url, (await upstream.pairingFor('venue hub')).token, join(root, 'hub-data'), ['Door A', 'Door B', 'Door C']);
    expect(hub.output()).toContain(`on https://${HUB_ADDRESS}`);

    // ---- Three new desks, each paired by its code on the Pair screen, by keyboard ------------
    for (const [name, port] of [['A', 4932], ['B', 4933], ['C', 4934]] as const) {
      const folders = await deskFolders(testPort(port));
      const running = await openBrowserDeskProcess(folders).catch(async (error: unknown) => {
        await folders.remove();
        throw error;
      });
      const url = new URL(running.url);
      const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
      const desk: WalkDesk = { name, folders, running, api, page: running.page };
      desks.push(desk);
      const { page } = desk;
      await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
      await page.keyboard.press('2');
      await expect(page.getByLabel('Pairing code, or the endpoint address')).toBeFocused();
      await page.keyboard.type(pairingCodeFor(hub, `Door ${name}`));
      if (name === 'A') await page.screenshot({ path: `${screenshots}/1-pair-A.png` });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('banner')).toContainText('Harbour Yoga & Climbing', { timeout: 60_000 });
      await expect(page.getByTestId('sync-connection')).toContainText('Online', { timeout: 60_000 });
      // The whole venue in (the status bar's "Receiving the venue … of 69 records" gone).
      await expect.poll(async () => {
        const status = await call(desk, api.call('deskStatus', {}));
        return status.ok && status.status.sync.online && status.status.sync.initial === null;
      }, { timeout: 60_000 }).toBe(true);
      // The door checks in to the session on now, not to the walk-in it showed while the
      // venue's sessions were still arriving (test/unit/door/sessionChoice.test.tsx).
      await expect(page.getByTestId('session-select')).toHaveValue('session:s-yoga');
    }
    const [a, b, c] = desks as [WalkDesk, WalkDesk, WalkDesk];
    // The hub heard from all three (C asked last, so it counts A and B too).
    await expect(c.page.getByTestId('sync-desks')).toHaveText('3 desks heard from in the last minute', { timeout: 30_000 });
    await c.page.screenshot({ path: `${screenshots}/2-three-desks-C.png` });

    // ---- The venue's internet goes --------------------------------------------------------
    line.cut();
    await expect.poll(() => hub!.output(), { timeout: 60_000 }).toContain('Upstream cannot be reached');
    const cutAt = hub.output().length;

    // A check-in at A, then one at B: each at C within a second (measured, printed).
    const aToC = await propagation(a, c, 'nia ok', 'Nia Okafor');
    await a.page.screenshot({ path: `${screenshots}/3-checked-in-A.png` });
    await c.page.screenshot({ path: `${screenshots}/4-seen-at-C.png` });
    const bToC = await propagation(b, c, 'tom ba', 'Tom Baker');
    await c.page.screenshot({ path: `${screenshots}/5-seen-at-C-from-B.png` });
    console.log(`venue walk, internet cut: a check-in at desk A shown at desk C after ${aToC} ms; at desk B, after ${bToC} ms`);
    test.info().annotations.push({ type: 'propagation', description: `A→C ${aToC} ms, B→C ${bToC} ms (internet cut, through the hub)` });
    // C is current through the hub: online, no "as of …" beside the customer, every desk heard.
    await expect(c.page.getByTestId('sync-connection')).toContainText('Online');
    await expect(c.page.getByTestId('door-freshness-preview')).toHaveCount(0);

    // The same customer at a second desk: the duplicate warning, across desks.
    await findAtDoor(b.page, 'nia ok', 'Nia Okafor');
    await expect(b.page.getByTestId('check-in-preview')).toContainText('Already checked in');
    await b.page.keyboard.press('Enter');
    const result = b.page.getByTestId('check-in-result');
    await expect(result).toContainText('Already checked in');
    await expect(result).toContainText('Enter again to charge another use');
    await b.page.screenshot({ path: `${screenshots}/6-duplicate-at-B.png` });
    await b.page.keyboard.press('Escape');
    await expect(result).toContainText('Not charged again');

    // ---- The internet comes back -----------------------------------------------------------
    line.restore();
    await expect.poll(() => hub!.output().slice(cutAt), { timeout: 90_000 }).toContain('Upstream reached');
    const made = new Map<string, string[]>();
    for (const desk of desks) {
      const recent = await call(desk, desk.api.call('recentCheckIns', {}));
      if (!recent.ok) throw new Error(`desk ${desk.name}: no recent check-ins`);
      made.set(desk.name, recent.items.map((item) => item.checkInId));
    }
    expect(made.get('A')).toHaveLength(1);
    expect(made.get('B')).toHaveLength(1);
    expect(made.get('C')).toHaveLength(0);
    const expected = [...before, ...made.get('A')!, ...made.get('B')!].sort();
    // Upstream: exactly every desk's entries, each once.
    await expect.poll(async () => (await ledgerUpstream()).map((entry) => entry.id).sort(), { timeout: 90_000 }).toEqual(expected);
    const upstreamLedger = await ledgerUpstream();
    const passIds = venue.data.passes.map((pass) => pass.id);
    const upstreamByPass = Object.fromEntries(passIds.map((passId) => [passId, upstreamLedger.filter((entry) => entry.passId === passId).map((entry) => entry.id).sort()]));
    // Every desk: what upstream holds, no more, no less.
    for (const desk of desks) {
      await expect.poll(() => ledgerOnDesk(desk, passIds), { timeout: 30_000 }).toEqual({ count: upstreamLedger.length, byPass: upstreamByPass });
    }
    await c.page.screenshot({ path: `${screenshots}/7-internet-back-C.png` });
  } finally {
    for (const desk of desks.reverse()) {
      desk.api.close();
      await desk.running.close();
      await desk.folders.remove();
    }
    await hub?.stop();
    await line.close();
    await upstream.close();
    await rm(root, { recursive: true, force: true });
  }
});
