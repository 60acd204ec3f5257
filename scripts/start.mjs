// `npm start [-- --venue FILE] [-- --data DIR]`: the Electron desk where a window can open and
// Electron's binary is installed, or can be downloaded at this first start (tried once, unless
// ELECTRON_SKIP_BINARY_DOWNLOAD is set); elsewhere (no internet, a Linux box with no display)
// the same desk served to the local browser (`npm run start:browser`), with the same options,
// after one line saying why (scripts/startPlan.mjs decides). Either way what it serves is
// built first when missing or stale (scripts/freshBuild.mjs).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { displayFor, findElectronBinary } from './electronBinary.mjs';
import { buildWhatIsStale } from './freshBuild.mjs';
import { planStart } from './startPlan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command in the project folder with this terminal; resolves with its exit code. */
function run(command, args, { env = process.env, shell = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, shell });
    // Ctrl-C reaches the child through the terminal; let it shut down and report its own code.
    const ignore = () => {};
    const forward = () => child.kill('SIGTERM');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`start: could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** `npm run <script>` with the npm that started us (npm sets npm_execpath), else npm on PATH. */
function npmRun(script, args = []) {
  const extra = args.length > 0 ? ['--', ...args] : [];
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', script, ...extra]);
  // npm is a .cmd script on Windows, which Node spawns only through a shell.
  return run('npm', ['run', script, ...extra], { shell: process.platform === 'win32' });
}

/** The options both desks take; anything else is refused before anything starts. */
function readOptions(args) {
  try {
    const { values } = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { venue: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    console.error(`start: ${error.message}\nusage: npm start [-- --venue FILE] [-- --data DIR] [-- --port N (browser desk only)]`);
    process.exit(2);
  }
}

/** How long the first-start download of Electron may take. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/** Electron's own installer (node_modules/electron/install.js), once, within DOWNLOAD_TIMEOUT_MS. */
async function downloadElectron() {
  console.log('start: downloading Electron (first start only; about 100 MB)…');
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => { errors += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGTERM'), DOWNLOAD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else if (signal) resolve({ ok: false, reason: `no answer within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes` });
      // Its stack's first line says what failed ("TypeError: fetch failed").
      else resolve({ ok: false, reason: errors.trim().split('\n')[0]?.replace(/^\w*Error: /, '') || `its installer exited with ${code}` });
    });
  });
}

const args = process.argv.slice(2);
const options = readOptions(args);
const display = displayFor();
let download = null;
let plan = planStart({ electron: findElectronBinary(), display, env: process.env, download });
if (plan.next === 'download') {
  download = await downloadElectron();
  plan = planStart({ electron: findElectronBinary(), display, env: process.env, download });
}

if (plan.next === 'electron') {
  // Only what is missing or older than its sources is built (scripts/freshBuild.mjs).
  const built = await buildWhatIsStale(['renderer', 'electron']);
  if (built !== 0) process.exit(built);
  const env = { ...process.env };
  // Set by some tools for their own children; it would make Electron a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  // The same options as the browser desk, handed to main/electron/launchSettings.ts.
  if (options.venue !== undefined) env.BOX_OFFICE_INITIAL_VENUE = path.resolve(options.venue);
  if (options.data !== undefined) env.BOX_OFFICE_USER_DATA = path.resolve(options.data);
  if (options.port !== undefined) console.log('start: --port is for the browser desk; the Electron desk needs no port.');
  process.exit(await run(plan.binary, ['.'], { env }));
} else {
  console.log(plan.line);
  // start:browser builds the pages first when they are missing or stale.
  process.exit(await npmRun('start:browser', args.filter((arg) => arg !== '--')));
}
