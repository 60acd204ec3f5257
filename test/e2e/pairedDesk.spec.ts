// A new user's first hour with sync, through the real processes: `npm run server -- demo` (the
// CLI, PGlite in a folder), a new desk paired by keyboard with the URL and token it printed,
// a check-in acknowledged by the endpoint; the server stopped, the desk still checking people
// in with the change counted as waiting; the server started again, the desk catching up both
// ways: its waiting check-in sent, and a check-in another desk made meanwhile shown.
import { expect, test } from '@playwright/test';
import { testPort } from '../testPorts';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import { SyncTestClient } from '../server/syncTestClient';

const SERVER_PORT = testPort(4873);
const DESK_PORT = testPort(4872);
const tsx = resolve('node_modules/.bin/tsx');

type RunningServer = { child: ChildProcess; output: () => string; stopped: Promise<number | null> };

/** `npm run server -- <args>` as a user runs it; resolves once `ready` appears in its output. */
async function startServer(args: string[], ready: RegExp): Promise<RunningServer> {
  const child = spawn(tsx, ['server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const stopped = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const deadline = Date.now() + 60_000;
  while (!ready.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return { child, output: () => output, stopped };
}

async function stopServer(server: RunningServer): Promise<void> {
  server.child.kill('SIGINT');
  await server.stopped;
}

/** "N left" of the pass the door would use, before the key is pressed. */
async function usesLeftInPreview(page: Page, query: string): Promise<number> {
  await page.keyboard.press('F1');
  const search = page.getByTestId('customer-search');
  await search.fill('');
  await search.pressSequentially(query);
  const preview = page.getByTestId('check-in-preview');
  await expect(preview).toContainText('oldest pass first');
  const left = /(\d+) uses? left now/.exec(await preview.innerText());
  if (!left) throw new Error(`no uses left in the preview: ${await preview.innerText()}`);
  await page.keyboard.press('Escape');
  return Number(left[1]);
}

test('a new desk pairs with the demo server, keeps working while it is down, and catches up when it is back', async () => {
  const root = await mkdtemp(join(tmpdir(), 'paired-desk-'));
  const serverData = join(root, 'server');
  let server = await startServer(['demo', '--customers', '300', '--data', serverData, '--port', String(SERVER_PORT)], /Ctrl-C stops/);
  const deskLog: string[] = [];
  const desk = await startBrowserDesk({ port: DESK_PORT, dataDir: join(root, 'desk'), log: (line) => deskLog.push(line) });
  const chromium = await launchChromium({ userDataDir: join(root, 'profile') });
  try {
    const printed = server.output();
    const url = /^\s+Endpoint address\s+(\S+)/m.exec(printed)?.[1];
    const token = /^\s+Device token\s+(\S+)/m.exec(printed)?.[1];
    expect(url).toBe(`http://127.0.0.1:${SERVER_PORT}`);
    expect(token).toBeTruthy();
    const endpoint = new SyncTestClient(url!, token!);
    const ledgerOnServer = async () => (await endpoint.get<{ counts: { ledger: number } }>('/sync/hello')).body.counts.ledger;
    const ledgerAtStart = await ledgerOnServer();

    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(desk.url);
    // A new desk opens no venue by itself: its first screen offers the ways in.
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
    const connection = page.getByTestId('sync-connection');
    const waiting = page.getByTestId('sync-waiting');
    await expect(connection).toHaveText(/Not paired/);

    // ---- Pairing, by keyboard, with what the server printed ------------------------------
    await page.keyboard.press('F4');
    await page.getByLabel('Endpoint address').focus();
    await page.keyboard.type(url!);
    await page.keyboard.press('Tab');
    await page.keyboard.type(token!);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pair-note')).toContainText(`Paired with ${url}`);
    await expect(connection).toHaveText(/Online/);
    // The address is said in Setup, not in the status bar (renderer/status/fitStatusBar.ts).
    await expect(page.getByTestId('pair-state')).toContainText(url!);
    await expect(page.getByTestId('sync-last')).toHaveText('last synced just now');
    // A new desk takes the venue as a snapshot, door first, then its history.
    await expect.poll(() => deskLog.find((line) => line.includes("the snapshot's history is in")) ?? deskLog.slice(-3).join(' / '), { timeout: 60_000 }).toMatch(/the snapshot's history is in/);
    await expect(page.getByTestId('status-bar')).not.toContainText('First sync');

    // ---- A walk-in, acknowledged by the endpoint -----------------------------------------
    await page.keyboard.press('F1');
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    const before = await usesLeftInPreview(page, 'emily k');
    await page.getByTestId('customer-search').pressSequentially('emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('check-in-result')).toContainText(`${before - 1} left`);
    await expect(waiting).toHaveText('nothing waiting to sync');
    await expect.poll(ledgerOnServer).toBe(ledgerAtStart + 1);

    // ---- The server goes away: the desk keeps working and counts what waits --------------
    await stopServer(server);
    await expect(connection).toHaveText(/Offline/);
    await page.getByTestId('customer-search').pressSequentially('emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan');
    await page.keyboard.press('Enter');
    // The second check-in today asks for a confirmation key.
    await expect(page.getByTestId('check-in-result')).toContainText('Already checked in today');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('check-in-result')).toContainText(`${before - 2} left`);
    await expect(waiting).toHaveText('1 change waiting to sync');
    await page.screenshot({ path: 'test-results/screens/paired-offline-1280x800.png' });

    // ---- Back again: the waiting check-in goes out, another desk's comes in --------------
    server = await startServer(['serve', '--data', serverData, '--port', String(SERVER_PORT)], /Box office sync server on/);
    // Another desk checks Emily in as well: the same pass, its own id, stamp and desk.
    const held = await endpoint.pullAll('ledger');
    const ours = held.documents
      .filter((document) => document.kind === 'check-in')
      .sort((a, b) => String(b.hlc).localeCompare(String(a.hlc)))[0]!;
    const record = Object.fromEntries(Object.entries(ours).filter(([key]) => !key.startsWith('_')));
    const otherDesk = {
      ...record,
      id: 'other-desk-check-in-1',
      deskId: 'desk-at-the-side-door',
      staff: 'Side door',
      hlc: `${String(Date.now()).padStart(15, '0')}:000000:desk-at-the-side-door`,
      at: new Date().toISOString(),
    };
    const pushed = await endpoint.push([otherDesk]);
    expect(pushed.status).toBe(200);
    await expect(connection).toHaveText(/Online/, { timeout: 90_000 });
    await expect(waiting).toHaveText('nothing waiting to sync');
    await expect.poll(ledgerOnServer).toBe(ledgerAtStart + 3);
    await expect.poll(() => usesLeftInPreview(page, 'emily k'), { timeout: 30_000 }).toBe(before - 3);
    // Two desks checked Emily in on the same day: the status bar says so as soon as it merged
    // (not at the next exchange with the endpoint), and the list names both desks.
    await expect(page.getByTestId('review-toggle')).toContainText('1 needs review', { timeout: 10_000 });
    await page.keyboard.press('F8');
    await expect(page.getByTestId('review-list')).toContainText('Emily Khan: checked in 3 times by 2 desks as a walk-in');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('status-bar')).not.toContainText('First sync');
    await page.screenshot({ path: 'test-results/screens/paired-back-online-1280x800.png' });
  } finally {
    await chromium.close();
    await desk.close();
    if (server.child.exitCode === null) await stopServer(server);
    await rm(root, { recursive: true, force: true });
  }
});
