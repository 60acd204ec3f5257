// `npm start [-- --venue FILE] [-- --data DIR]`: the Electron desk where Electron's binary is
// installed and can open a window; elsewhere (machines that install with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, a Linux box with no display) the same desk served to the
// local browser (`npm run start:browser`), with the same options, after one line saying why.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { displayFor, findElectronBinary } from './electronBinary.mjs';

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

const args = process.argv.slice(2);
const options = readOptions(args);
const electron = findElectronBinary();
const display = electron.binary ? displayFor() : { ok: true };

if (electron.binary && display.ok) {
  const built = await npmRun('build');
  if (built !== 0) process.exit(built);
  const env = { ...process.env };
  // Set by some tools for their own children; it would make Electron a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  // The same options as the browser desk, handed to main/electron/launchSettings.ts.
  if (options.venue !== undefined) env.BOX_OFFICE_INITIAL_VENUE = path.resolve(options.venue);
  if (options.data !== undefined) env.BOX_OFFICE_USER_DATA = path.resolve(options.data);
  if (options.port !== undefined) console.log('start: --port is for the browser desk; the Electron desk needs no port.');
  process.exit(await run(electron.binary, ['.'], { env }));
} else {
  const why = electron.binary ? display.reason : electron.reason;
  console.log(`start: ${why}, so the same desk is served to the local browser instead (npm run start:browser).`);
  process.exit(await npmRun('start:browser', args.filter((arg) => arg !== '--')));
}
