// Finding Electron's binary the way the electron package does (scripts/electronBinary.mjs), so
// that `npm start` and the Electron suite can say why they fall back or skip.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayFor, findElectronBinary, NOT_INSTALLED } from '../../../scripts/electronBinary.mjs';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'desk-electron-binary-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports the binary as not installed when the download was skipped (no path.txt)', async () => {
    const skipped = path.join(dir, 'skipped');
    await mkdir(skipped);
    expect(findElectronBinary({ env: {}, electronDir: skipped })).toEqual({ binary: null, reason: NOT_INSTALLED });
    expect(NOT_INSTALLED).toBe("Electron's binary is not installed (npx --no install-electron downloads it)");
  });

  it('finds dist/<path.txt> when it was downloaded', async () => {
    const installed = path.join(dir, 'installed');
    await mkdir(path.join(installed, 'dist'), { recursive: true });
    await writeFile(path.join(installed, 'path.txt'), 'electron');
    await writeFile(path.join(installed, 'dist', 'electron'), '');
    expect(findElectronBinary({ env: {}, electronDir: installed })).toEqual({ binary: path.join(installed, 'dist', 'electron'), reason: null });
  });

  it('reports a path.txt whose binary is missing as not installed', async () => {
    const broken = path.join(dir, 'broken');
    await mkdir(broken);
    await writeFile(path.join(broken, 'path.txt'), 'electron');
    expect(findElectronBinary({ env: {}, electronDir: broken }).binary).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as the electron package does', async () => {
    const override = path.join(dir, 'override');
    await mkdir(override);
    await writeFile(path.join(override, 'electron'), '');
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, electronDir: path.join(dir, 'skipped') }).binary).toBe(path.join(override, 'electron'));
  });

  it('says when the electron package itself is missing', () => {
    expect(findElectronBinary({ env: {}, electronDir: null }).reason).toMatch(/electron package is not installed/);
  });

  // Not by requiring it on this machine: since Electron 45 here, a require downloads the binary when
  // it is missing. With ELECTRON_OVERRIDE_DIST_PATH the package's own index.js decides offline.
  it('agrees with the electron package\'s own index.js about where the binary is', async () => {
    const override = path.join(dir, 'override-agrees');
    await mkdir(override);
    await writeFile(path.join(override, 'electron'), '');
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: override };
    const fromPackage = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], { cwd: projectRoot, env, encoding: 'utf8' });
    expect(findElectronBinary({ env }).binary).toBe(fromPackage);
  });
});

describe('displayFor', () => {
  it.each([
    ['win32', {}, false, true],
    ['darwin', {}, false, true],
    ['linux', { DISPLAY: ':0' }, false, true],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, false, true],
    ['linux', {}, false, false],
    ['linux', { PATH: '' }, true, false],
  ])('%s with %j (virtual %s): can open windows = %s', (platform, env, virtual, ok) => {
    expect(displayFor({ platform, env, virtual }).ok).toBe(ok);
  });

  it('runs under xvfb-run on a Linux machine with no display, when asked for tests and xvfb-run is there', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'xvfb-run'), '');
    const display = displayFor({ platform: 'linux', env: { PATH: bin }, virtual: true });
    expect(display).toEqual({ ok: true, prefix: expect.arrayContaining(['xvfb-run']) });
  });
});
