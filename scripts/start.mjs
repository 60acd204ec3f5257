// `npm start`: the Electron desk where Electron's binary is installed; elsewhere (machines that
// install with ELECTRON_SKIP_BINARY_DOWNLOAD=1) the same desk served to the local browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The binary's path, or null: the electron package throws when its download was skipped. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

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
  if (npmCli && npmCli.endsWith('.js')) return run(process.execPath, [npmCli, 'run', script, ...extra]);
  // npm is a .cmd script on Windows, which Node spawns only through a shell.
  return run('npm', ['run', script, ...extra], { shell: process.platform === 'win32' });
}

const args = process.argv.slice(2);
const binary = electronBinary();
if (binary) {
  const built = await npmRun('build');
  if (built !== 0) process.exit(built);
  // Set by some tools for their own children; it would make Electron a plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  process.exit(await run(binary, ['.', ...args], { env }));
} else {
  console.log("Electron's binary is not installed here, so the same desk is served to the local browser instead (npm run start:browser).");
  process.exit(await npmRun('start:browser', args));
}
