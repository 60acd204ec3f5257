// `npm run server -- …` run by a test as the venue's IT person runs it, on a PGlite data folder
// of the test's own (a temp folder, removed after): one command at a time (`run`), or the
// endpoint serving (`serve`) until the test stops it. Used by cli.test.ts and staffCli.test.ts.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
// The server as one process (node --import tsx, as `npm run server` runs it): the tsx CLI would
// put a relay in front of it that SIGKILLs it when it is slow to report a signal.
const serverCommand = ['--import', 'tsx', 'server/cli.ts'];

export type Run = { code: number | null; stdout: string; stderr: string };

export type Serving = { url: string; child: ChildProcessWithoutNullStreams; output: () => string; stop(): Promise<number | null> };

export type ServerFolder = {
  /** The temp folder (for the test's own files); the data folder is `dataDir` inside it. */
  folder: string;
  dataDir: string;
  /** One command, `--data` the test's data folder unless `dataDir` says another; `stdin` typed into it. */
  run(args: string[], options?: { stdin?: string; dataDir?: string }): Promise<Run>;
  /** The endpoint serving on the data folder, once it says its address. */
  serve(args: string[]): Promise<Serving>;
  /** The command started, and left to the test (a command that runs until stopped, on `dataDir`). */
  spawn(args: string[], dataDir?: string): ChildProcessWithoutNullStreams;
  remove(): Promise<void>;
};

/** A temp folder named `prefix…` and the server command on it, with `env` (DATABASE_URL, the admin token); `seen` gets all it prints. */
export async function serverFolder(prefix: string, env: NodeJS.ProcessEnv, seen: (text: string) => void = () => undefined): Promise<ServerFolder> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  const dataDir = join(folder, 'server-data');
  const start = (args: string[], data = dataDir) => spawn(process.execPath, [...serverCommand, ...args, '--data', data], { cwd: root, env });
  return {
    folder,
    dataDir,
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = start(args, options.dataDir);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          seen(stdout);
          seen(stderr);
          resolve({ code, stdout, stderr });
        });
        child.stdin.end(options.stdin ?? '');
      });
    },
    async serve(args) {
      const child = start(args);
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /sync server on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.on('close', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
      });
      return {
        url,
        child,
        output: () => output,
        async stop() {
          child.kill('SIGTERM');
          const code = await exited;
          seen(output);
          return code;
        },
      };
    },
    spawn: start,
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
