// main never dies of a bug (issue 12, item 7): an exception nobody catches and a rejection
// nobody handles, thrown inside main's own process, are logged and the desk's core restarts;
// the desk answers again, the page goes on working, and every acknowledged check-in is there.
// main runs as its own process (the crash test's deskProcess.ts, wired as startBrowserDesk's
// start is); the fault is sent on its IPC channel, a test-only path no page can reach.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { bundleDeskProcess, reapAll, startMainProcess } from '../crash/killableProcesses';
import type { MainProcess } from '../crash/killableProcesses';
import { connectDeskApi } from '../crash/deskApiSocket';
import type { DeskApiSocket } from '../crash/deskApiSocket';
import { launchChromium } from './chromium';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';

test.afterAll(() => reapAll());

async function ledgerOf(api: DeskApiSocket): Promise<{ count: number; recent: string[] }> {
  const status = await api.call('deskStatus', {});
  const recent = await api.call('recentCheckIns', {});
  if (!status.answered || !status.result.ok || !recent.answered || !recent.result.ok) throw new Error('the desk did not answer');
  return { count: status.result.status.counts.ledger, recent: recent.result.items.map((item) => item.checkInId) };
}

test('an uncaught exception and an unhandled rejection inside main are logged, the core restarts, and no acknowledged check-in is lost', async () => {
  const builtPages = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(path.join(builtPages, 'index.html'))) throw new Error('no built pages: run npx vite build first');
  const root = await mkdtemp(path.join(tmpdir(), 'desk-last-line-'));
  const port = testPort(4914);
  const origin = `http://127.0.0.1:${port}`;
  const secret = randomBytes(24).toString('base64url');
  const pagesDir = path.join(root, 'pages');
  await cp(builtPages, pagesDir, { recursive: true });
  const venueFile = path.join(root, 'venue.json');
  await writeFile(venueFile, JSON.stringify(deskVenue().data));
  const script = await bundleDeskProcess(path.join(root, 'main'));
  const lines: string[] = [];
  const main: MainProcess = startMainProcess({
    script, port, dataDir: path.join(root, 'data'), secret, venueFile, pagesDir, logFile: path.join(root, 'main.log'),
    onLine: (line) => lines.push(line),
  });
  let ended = false;
  void main.exited.then(() => { ended = true; });
  const chromium = await (async () => {
    await expect.poll(() => lines.some((line) => line.includes('listening')), { timeout: 30_000 }).toBe(true);
    return launchChromium({ userDataDir: path.join(root, 'profile') });
  })();
  let api: DeskApiSocket | null = null;
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.goto(`${origin}/?s=${secret}`);
    await page.getByTestId('customer-search').waitFor();
    api = await connectDeskApi(origin, secret, 10_000);
    await expect.poll(async () => (await api!.call('deskStatus', {})).answered, { timeout: 30_000 }).toBe(true);

    const acknowledged: string[] = [];
    for (const customerId of ['c-ada', 'c-nia', 'c-tom']) {
      const answer = await api.call('checkIn', { customerId, sessionId: null });
      if (!answer.answered || !answer.result.ok) throw new Error(`the check-in of ${customerId} was not acknowledged`);
      acknowledged.push(answer.result.checkInId);
    }
    const before = await ledgerOf(api);

    for (const [kind, logged] of [['throw', 'desk: ERROR nobody caught'], ['reject', 'desk: ERROR: a promise was rejected and nobody handled it']] as const) {
      const restartsBefore = lines.filter((line) => line.includes('desk: the desk\'s core restarted')).length;
      main.fault(kind);
      await expect.poll(() => lines.filter((line) => line.includes('desk: the desk\'s core restarted')).length, { timeout: 60_000 }).toBe(restartsBefore + 1);
      expect(lines.some((line) => line.includes(logged))).toBe(true);
      expect(lines.some((line) => line.includes(`a fault the test ${kind === 'throw' ? 'threw' : 'rejected'} inside main`))).toBe(true);
      expect(ended).toBe(false);

      // The desk answers again, on the same process, with every acknowledged check-in.
      const after = await ledgerOf(api);
      expect(after.count).toBe(before.count + (kind === 'reject' ? 1 : 0));
      for (const id of acknowledged) expect(after.recent).toContain(id);

      // And the page goes on working: find a customer, check them in.
      const box = page.getByTestId('customer-search');
      await box.fill(kind === 'throw' ? 'Rosa Parkes' : 'Ivy Refused');
      await expect(page.getByTestId('customer-matches')).toContainText(kind === 'throw' ? 'Rosa Parkes' : 'Ivy Refused');
      if (kind === 'throw') {
        await box.press('Enter');
        await expect(page.getByTestId('check-in-result')).toContainText('Checked in');
        const recent = await ledgerOf(api);
        acknowledged.push(recent.recent.find((id) => !acknowledged.includes(id))!);
      } else {
        await box.fill('');
      }
    }
    expect(ended).toBe(false);
  } finally {
    api?.close();
    await chromium.close();
    await main.stop();
    await rm(root, { recursive: true, force: true });
  }
});
