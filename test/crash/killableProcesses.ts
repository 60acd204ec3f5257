// The two processes the crash test kills, each started so that it can be SIGKILLed by pid:
// main (a Node child running deskProcess.ts) and the Chromium storage host (Debian's
// Chromium spawned here, headless, on a persistent profile, driven over CDP).
//
// Every process started here is registered, and `reapAll` kills whatever is left, so that a
// failed or interrupted run leaves nothing behind. Chromium runs in its own process group:
// killing the browser process is the crash under test; the group kill afterwards only makes
// sure none of its helpers (zygote, renderers, utilities) outlive it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const deskProcessSource = fileURLToPath(new URL('./deskProcess.ts', import.meta.url));

/** Process groups (Chromium) and single processes (main) still running. */
const live = new Map<number, { group: boolean }>();

function signal(pid: number, group: boolean, name: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, name);
  } catch {
    // already gone
  }
}

/** Kills everything this module started and has not seen end. Synchronous: safe in 'exit'. */
export function reapAll(): void {
  for (const [pid, { group }] of live) {
    signal(pid, false, 'SIGKILL');
    if (group) signal(pid, true, 'SIGKILL');
  }
  live.clear();
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

// --- main -------------------------------------------------------------------------------

/**
 * Bundles deskProcess.ts into `outDir` with the options main ships with under Electron
 * (scripts/build-electron.mjs): restarts then take about a second, not the several that tsx
 * needs to compile main's modules again on a busy machine.
 */
export async function bundleDeskProcess(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'deskProcess.mjs');
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [deskProcessSource],
    outfile,
    bundle: true,
    sourcemap: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ws's optional native helpers; ws runs without them.
    external: ['bufferutil', 'utf-8-validate'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

export type MainProcess = {
  pid: number;
  exited: Promise<void>;
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (the desk closes its database), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Node's memory figures from inside main (deskProcess.ts answers over the IPC channel). */
  memoryUsage(options?: { gc?: boolean }): Promise<NodeJS.MemoryUsage>;
  /** Has main throw an exception nobody catches, or reject a promise nobody handles (test-only, deskProcess.ts). */
  fault(kind: 'throw' | 'reject'): void;
};

export type MainProcessOptions = {
  /** The bundle from bundleDeskProcess. */
  script: string;
  port: number;
  dataDir: string;
  secret: string;
  venueFile: string;
  pagesDir: string;
  logFile: string;
  /** Each line main writes (its log). */
  onLine?: (line: string) => void;
  /** Node flags before the script (e.g. --expose-gc for the memory report). */
  nodeArgs?: string[];
};

export function startMainProcess(options: MainProcessOptions): MainProcess {
  const child = spawn(process.execPath, [
    ...(options.nodeArgs ?? []),
    '--enable-source-maps', options.script,
    '--port', String(options.port),
    '--data', options.dataDir,
    '--secret', options.secret,
    '--venue', options.venueFile,
    '--pages', options.pagesDir,
  ], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start main\'s process');
  live.set(pid, { group: false });
  const logStream = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });
  if (options.onLine && child.stdout) createInterface({ input: child.stdout }).on('line', options.onLine);
  const exited = exitOf(child).then(() => {
    live.delete(pid);
    logStream.write(`${new Date().toISOString()} [main ${pid}] ended (${child.signalCode ?? `exit ${child.exitCode}`})\n`);
  });
  return {
    pid,
    exited,
    async kill() {
      signal(pid, false, 'SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      signal(pid, false, 'SIGTERM');
      const timer = setTimeout(() => signal(pid, false, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    fault(kind) {
      if (!child.send({ fault: kind })) throw new Error('main\'s IPC channel is closed');
    },
    memoryUsage(request = {}) {
      return new Promise((resolve, reject) => {
        const answer = (message: { memory?: NodeJS.MemoryUsage }) => {
          if (!message.memory) return;
          child.off('message', answer);
          resolve(message.memory);
        };
        child.on('message', answer);
        if (!child.send({ memory: request })) reject(new Error('main\'s IPC channel is closed'));
      });
    },
  };
}

// --- the Chromium storage host ----------------------------------------------------------

export type ChromiumStorageHost = {
  /** The browser process: what a crash of "the storage host" kills. */
  pid: number;
  browser: Browser;
  /** The storage host page (same origin as the desk's data, so the test reads IndexedDB here). */
  page: Page;
  exited: Promise<void>;
  /** SIGKILL of the browser process, then of any helper left in its group. */
  kill(): Promise<void>;
  /** SIGTERM (Chromium shuts down), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

const LAUNCH_TIMEOUT_MS = 30_000;

/** Everything Chromium writes goes to `logFile`; the DevTools address is read from it. */
export async function launchChromiumStorageHost(options: { profileDir: string; storageHostUrl: string; logFile: string }): Promise<ChromiumStorageHost> {
  const child = spawn(chromiumPath, [
    ...chromiumArgs,
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${options.profileDir}`,
    // The page must keep its timers (reconnects) at full speed, and a crashed profile must
    // not offer to restore a second copy of the storage host page.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--hide-crash-restore-bubble',
    '--no-default-browser-check',
    '--password-store=basic',
    '--use-mock-keychain',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${chromiumPath}`);
  live.set(pid, { group: true });
  const logStream: WriteStream = createWriteStream(options.logFile, { flags: 'a' });
  const exited = exitOf(child).then(async () => {
    // The browser process is gone; its helpers must not outlive it (they would, briefly).
    signal(pid, true, 'SIGKILL');
    live.delete(pid);
    logStream.write(`${new Date().toISOString()} [chromium ${pid}] ended (${child.signalCode ?? `exit ${child.exitCode}`})\n`);
  });

  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not report its DevTools address within ${LAUNCH_TIMEOUT_MS} ms`)), LAUNCH_TIMEOUT_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        logStream.write(chunk);
        text += chunk.toString();
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      void exited.then(() => reject(new Error('Chromium ended before it was ready')));
    });
    const browser = await chromium.connectOverCDP(endpoint, { timeout: LAUNCH_TIMEOUT_MS });
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium has no default context');
    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') logStream.write(`${new Date().toISOString()} [chromium ${pid}] page: ${message.text()}\n`);
    });
    await page.goto(options.storageHostUrl, { timeout: LAUNCH_TIMEOUT_MS });
    return {
      pid,
      browser,
      page,
      exited,
      async kill() {
        signal(pid, false, 'SIGKILL');
        await exited;
      },
      async stop(graceMs = 10_000) {
        signal(pid, false, 'SIGTERM');
        const timer = setTimeout(() => signal(pid, false, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        await browser.close().catch(() => undefined);
      },
    };
  } catch (error) {
    signal(pid, false, 'SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
    throw error;
  }
}
