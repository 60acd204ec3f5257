// Bundles Electron's rim into dist-electron/: the main process as ESM (and its worker thread) (Electron ≥ 28 loads
// an ESM main; package.json "type": "module" makes main.js one), the two preloads as CJS
// scripts, because a sandboxed preload is not an ES module and can only require Electron's
// renderer modules. The renderer pages are vite's job (dist/renderer/).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist-electron';

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: true,
  external: ['electron'],
  logLevel: 'warning',
  metafile: true,
};

const builds = [
  {
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: `${outdir}/main.js`,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // ES builds first: a UMD build (jsonc-parser's "main") hides its require() calls from the
    // bundler, which then leaves them to fail at runtime.
    mainFields: ['module', 'main'],
    // Bundled CommonJS dependencies still call require(): give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
  // The snapshot's worker thread (main/sync/snapshotThread.ts), beside main.js, where
  // the bundled main looks for it.
  {
    ...common,
    entryPoints: ['main/sync/snapshotThread.worker.ts'],
    outfile: `${outdir}/snapshotThread.worker.js`,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
  },
  ...['preload', 'preload.storage'].map((name) => ({
    ...common,
    entryPoints: [`main/electron/${name}.ts`],
    outfile: `${outdir}/${name}.cjs`,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
  })),
];

// esbuild has already printed what failed; a stack trace of the build script adds nothing.
const results = await Promise.all(builds.map((options) => build(options))).catch(() => process.exit(1));

// A sandboxed preload that requires anything but 'electron' fails only at runtime, in a window
// nobody sees: refuse to produce one.
for (const [index, result] of results.entries()) {
  const outfile = builds[index].outfile;
  if (!outfile.endsWith('.cjs')) continue;
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
  const foreign = imports.filter((entry) => entry.external && entry.path !== 'electron').map((entry) => entry.path);
  if (foreign.length > 0) {
    console.error(`build-electron: ${outfile} requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'`);
    process.exit(1);
  }
}

console.log(`build-electron: ${builds.map((options) => options.outfile).join(', ')}`);
