// `npm start`'s decisions (scripts/startPlan.mjs, scripts/freshBuild.mjs): a first start downloads
// Electron once and falls back to the browser desk in one line when it cannot; what is served is
// built when missing or older than its sources, so a newcomer never sees "not found".
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStart } from '../../../scripts/startPlan.mjs';
import { buildDecision, newestSourceMs, oldestOutputMs } from '../../../scripts/freshBuild.mjs';

const notInstalled = { binary: null, reason: "Electron's binary is not installed (npx --no install-electron downloads it)" };
const installed = { binary: '/x/electron', reason: null };
const display = { ok: true };

describe('planStart', () => {
  it('starts Electron when its binary is there and a window can open', () => {
    expect(planStart({ electron: installed, display, env: {}, download: null })).toEqual({ next: 'electron', binary: '/x/electron' });
  });

  it('the first start downloads Electron once when its binary is absent', () => {
    expect(planStart({ electron: notInstalled, display, env: {}, download: null })).toEqual({ next: 'download' });
  });

  it('starts Electron once the download worked', () => {
    expect(planStart({ electron: installed, display, env: {}, download: { ok: true } })).toEqual({ next: 'electron', binary: '/x/electron' });
  });

  it('a failed download falls back to the browser desk in one plain line, and is not tried again', () => {
    const plan = planStart({ electron: notInstalled, display, env: {}, download: { ok: false, reason: 'fetch failed' } });
    expect(plan).toEqual({ next: 'browser', line: 'start: Electron could not be downloaded (fetch failed), so the same desk opens in your browser instead (npm run start:browser).' });
  });

  it('ELECTRON_SKIP_BINARY_DOWNLOAD means no download: the browser desk at once', () => {
    const plan = planStart({ electron: notInstalled, display, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, download: null });
    expect(plan.next).toBe('browser');
    expect(plan).toHaveProperty('line', expect.stringMatching(/ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the same desk opens in your browser/));
  });

  it('no display: the browser desk, without downloading what could not open a window', () => {
    const plan = planStart({ electron: notInstalled, display: { ok: false, reason: 'there is no display here (DISPLAY is not set)' }, env: {}, download: null });
    expect(plan).toEqual({ next: 'browser', line: 'start: there is no display here (DISPLAY is not set), so the same desk opens in your browser instead (npm run start:browser).' });
  });

  it('a missing electron package is said as such, with no download tried', () => {
    const plan = planStart({ electron: { binary: null, reason: 'the electron package is not installed (run npm install)' }, display, env: {}, download: null });
    expect(plan).toHaveProperty('line', expect.stringMatching(/^start: the electron package is not installed/));
  });
});

describe('freshBuild', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'desk-fresh-build-'));
    await mkdir(path.join(root, 'src', 'deep'), { recursive: true });
    await mkdir(path.join(root, 'out'), { recursive: true });
    await writeFile(path.join(root, 'src', 'a.ts'), '');
    await writeFile(path.join(root, 'src', 'deep', 'b.ts'), '');
    await writeFile(path.join(root, 'out', 'index.html'), '');
    await utimes(path.join(root, 'src', 'a.ts'), 1000, 1000);
    await utimes(path.join(root, 'src', 'deep', 'b.ts'), 3000, 3000);
    await utimes(path.join(root, 'out', 'index.html'), 2000, 2000);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reads the newest source anywhere under a folder, and the oldest output', () => {
    expect(newestSourceMs(root, ['src', 'missing.ts'])).toBe(3_000_000);
    expect(oldestOutputMs(root, ['out/index.html'])).toBe(2_000_000);
    expect(oldestOutputMs(root, ['out/index.html', 'out/storage-host.html'])).toBeNull();
  });

  it('builds what is missing, with one line saying so', () => {
    expect(buildDecision({ what: "the desk's pages", outputMs: null, sourceMs: 1 })).toEqual({ build: true, line: "start: the desk's pages are not built yet; building them now (once)…" });
  });

  it('builds again when a source is newer than the output, and not when it is fresh', () => {
    expect(buildDecision({ what: "the desk's pages", outputMs: 2_000, sourceMs: 3_000 })).toEqual({ build: true, line: "start: the desk's pages are older than their sources; building them again…" });
    expect(buildDecision({ what: "the desk's pages", outputMs: 3_000, sourceMs: 3_000 })).toEqual({ build: false });
  });
});
