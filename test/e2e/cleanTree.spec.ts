// The README's start command on a clean tree, as a newcomer runs it: a copy of the project with
// no build output (no dist/, no dist-electron/) and the installed packages, `npm start`, and the
// address it prints opened in Chromium: the page works (a customer can be found), it never says
// "not found". Electron's download is skipped here (ELECTRON_SKIP_BINARY_DOWNLOAD), so the
// start falls back to the browser desk in one line.
import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { testPort } from '../testPorts';
import { launchChromium } from './chromium';

const DESK_PORT = testPort(4964);
const projectRoot = resolve('.');

/**
 * `npm start` and everything it started, stopped after the test even when the test timed out
 * (a `finally` in the test does not run then): a desk left on the port stopped the next spec.
 */
let started: { child?: ChildProcess; root: string } | undefined;
test.afterEach(async () => {
  if (!started) return;
  const { child, root } = started;
  started = undefined;
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(root, { recursive: true, force: true });
});

/** The project's files as a fresh clone has them (tracked, plus new ones not ignored), without build output. */
async function cleanCopy(into: string): Promise<void> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(projectRoot, file))) continue;
    await mkdir(dirname(join(into, file)), { recursive: true });
    await copyFile(join(projectRoot, file), join(into, file));
  }
  await symlink(join(projectRoot, 'node_modules'), join(into, 'node_modules'), 'dir');
}

test('npm start on a clean tree builds what it serves, and the page works', async () => {
  const root = await mkdtemp(join(tmpdir(), 'clean-tree-'));
  started = { root };
  const tree = join(root, 'project');
  await cleanCopy(tree);
  expect(existsSync(join(tree, 'dist'))).toBe(false);
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  let output = '';
  // Its own process group: the test stops npm and everything it started.
  const child: ChildProcess = spawn('npm', ['start', '--', '--port', String(DESK_PORT), '--data', join(root, 'desk-data')], { cwd: tree, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.child = child;
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const chromium = await launchChromium({ userDataDir: join(root, 'profile') });
  try {
    await expect.poll(() => /open (http:\/\/127\.0\.0\.1:\d+\/\?s=\S+) in Chrome/.exec(output)?.[1] ?? (child.exitCode === null ? null : `exited: ${output}`), { timeout: 90_000 }).toMatch(/^http/);
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/\?s=\S+) in Chrome/.exec(output)![1]!;
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.locator('body')).not.toContainText('not found');
    // A new desk's first screen offers the demo; 1 opens it.
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
    await page.keyboard.press('1');
    // As the README says: the demo asks who manages this desk, a name and a PIN, then the door.
    await page.getByRole('heading', { name: 'Who manages this desk?' }).waitFor();
    await page.keyboard.type('Kim Lee');
    await page.getByLabel('PIN (4 to 8 digits)').fill('2580');
    await page.keyboard.press('Enter');
    const search = page.getByTestId('customer-search');
    await search.waitFor();
    await search.pressSequentially('emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan');
    await page.screenshot({ path: 'test-results/screens/clean-tree-start-1280x800.png' });
    // One line said why Electron is not used, one that the pages were being built.
    expect(output).toMatch(/^start: .*, so the same desk opens in your browser instead/m);
    expect(output).toMatch(/^start: the desk's pages are not built yet; building them now \(once\)…/m);
  } finally {
    await chromium.close();
  }
});
