// `npm run test:electron`: the Playwright `_electron` suite, wherever Electron's binary is
// installed (under xvfb-run on a Linux machine with no display). Where it cannot run, it says
// so in ONE line, with the reason, and succeeds: these machines install with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, and the same flows run in Chromium in test/e2e.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayFor, findElectronBinary } from '../../scripts/electronBinary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));

const electron = findElectronBinary();
if (!electron.binary) {
  console.log(`electron suite: skipped — ${electron.reason}`);
  process.exit(0);
}
const display = displayFor({ virtual: true });
if (!display.ok) {
  console.log(`electron suite: skipped — ${display.reason}`);
  process.exit(0);
}

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`electron suite: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The suite launches the app from the built files (dist/renderer, dist-electron).
step(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
step(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')]);

const playwright = require.resolve('@playwright/test/cli');
const [command, ...prefix] = [...display.prefix, process.execPath];
step(command, [...prefix, playwright, 'test', '-c', path.join('test', 'electron', 'playwright.config.ts'), ...process.argv.slice(2)]);
