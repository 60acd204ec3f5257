// Can Electron run here? Used by `npm start` (scripts/start.mjs) and the Electron test suite
// (test/electron/run.mjs): where it cannot, they say why in one line and do something else.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

// Electron 45's package downloads its binary on first use, not at npm install as 41's did.
export const NOT_INSTALLED = "Electron's binary is not installed (npx --no install-electron downloads it)";

/** The installed electron package's folder, or null. */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The Electron binary's path, found the way the electron package finds it (its index.js:
 * dist/ + path.txt, or ELECTRON_OVERRIDE_DIST_PATH), without requiring it — its index.js
 * downloads the binary when it is missing (or throws where that cannot be reached), and a
 * require is cached for the process.
 *
 * @param {{ env?: Record<string, string | undefined>, electronDir?: string | null }} [options]
 * @returns {{ binary: string, reason: null } | { binary: null, reason: string }}
 */
export function findElectronBinary({ env = process.env, electronDir = electronPackageDir() } = {}) {
  if (!electronDir) return { binary: null, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  else if (executable) binary = path.join(electronDir, 'dist', executable);
  if (!binary || !existsSync(binary)) return { binary: null, reason: NOT_INSTALLED };
  return { binary, reason: null };
}

/** True when `command` is an executable file on PATH. */
function onPath(command, env) {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/**
 * Whether Electron's windows can open: always on Windows and macOS; on Linux only with an X or
 * Wayland display. `virtual` allows running under a virtual display (xvfb-run) when there is
 * none, for tests; a person at `npm start` needs a real one.
 *
 * @param {{ platform?: string, env?: Record<string, string | undefined>, virtual?: boolean }} [options]
 * @returns {{ ok: true, prefix: string[] } | { ok: false, reason: string }}
 */
export function displayFor({ platform = process.platform, env = process.env, virtual = false } = {}) {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return { ok: true, prefix: [] };
  if (virtual && onPath('xvfb-run', env)) return { ok: true, prefix: ['xvfb-run', '--auto-servernum', '--server-args=-screen 0 1280x1024x24'] };
  return { ok: false, reason: virtual ? 'there is no display and no xvfb-run (install xvfb, or set DISPLAY)' : 'there is no display here (DISPLAY is not set)' };
}
