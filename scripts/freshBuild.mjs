// Builds what `npm start` serves when it is missing or older than its sources: the renderer's
// pages (dist/renderer/, vite) and, for the Electron desk, its bundles (dist-electron/,
// scripts/build-electron.mjs). A newcomer's first `npm start` on a fresh clone builds them
// once, says so in one line, and never serves "not found"; later starts skip a fresh build.
//
//   node scripts/freshBuild.mjs renderer [electron]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * What each build reads and writes. Sources are files or folders (walked whole); every output
 * file must exist and be newer than the newest source, else the build runs.
 */
export const buildTargets = {
  renderer: {
    what: "the desk's pages",
    sources: ['renderer', 'shared', 'index.html', 'storage-host.html', 'vite.config.ts', 'tsconfig.renderer.json', 'package-lock.json'],
    outputs: ['dist/renderer/index.html', 'dist/renderer/storage-host.html'],
    command: ['node_modules/vite/bin/vite.js', 'build'],
  },
  electron: {
    what: "the Electron desk's bundles",
    sources: ['main', 'shared', 'scripts/build-electron.mjs', 'package-lock.json'],
    outputs: ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-electron/preload.storage.cjs'],
    command: ['scripts/build-electron.mjs'],
  },
};

/** The newest modification time (ms) of the files at `entries` under `root`; 0 when none exist. */
export function newestSourceMs(root, entries) {
  let newest = 0;
  const visit = (file) => {
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(file)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(file, name));
    } else if (stats.mtimeMs > newest) newest = stats.mtimeMs;
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** The oldest modification time (ms) of `outputs` under `root`, or null when one is missing. */
export function oldestOutputMs(root, outputs) {
  let oldest = Infinity;
  for (const output of outputs) {
    const file = path.join(root, output);
    if (!existsSync(file)) return null;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

/**
 * Whether a build must run, and the one line that says why.
 *
 * @param {{ what: string, outputMs: number | null, sourceMs: number }} times
 * @returns {{ build: false } | { build: true, line: string }}
 */
export function buildDecision({ what, outputMs, sourceMs }) {
  if (outputMs === null) return { build: true, line: `start: ${what} are not built yet; building them now (once)…` };
  if (sourceMs > outputMs) return { build: true, line: `start: ${what} are older than their sources; building them again…` };
  return { build: false };
}

/** Runs one build with this Node; resolves with its exit code. */
function runBuild(target, root) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, target.command, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`start: could not build ${target.what}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Builds each named target that is missing or stale; resolves with 0, or the failed build's exit code. */
export async function buildWhatIsStale(names, { root = projectRoot, log = (line) => console.log(line) } = {}) {
  for (const name of names) {
    const target = buildTargets[name];
    if (!target) throw new Error(`freshBuild: no build named "${name}" (known: ${Object.keys(buildTargets).join(', ')})`);
    const decision = buildDecision({ what: target.what, outputMs: oldestOutputMs(root, target.outputs), sourceMs: newestSourceMs(root, target.sources) });
    if (!decision.build) continue;
    log(decision.line);
    const code = await runBuild(target, root);
    if (code !== 0) {
      log(`start: building ${target.what} failed (see above); nothing was started.`);
      return code;
    }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  process.exit(await buildWhatIsStale(names.length > 0 ? names : ['renderer']));
}
