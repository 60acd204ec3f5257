// A throwaway PostgreSQL for the server's tests and benchmarks: initdb into a temporary folder,
// started on a free port on 127.0.0.1 (and a socket in that folder), stopped and deleted after.
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (Debian's
// postgresql package creates it); as anyone else it runs as that user.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type PostgresCluster = {
  /** The cluster's own `postgres` database, for creating others. */
  adminUrl: string;
  version: string;
  stop(): Promise<void>;
  /** Stops the server and keeps its data, as an outage would; `resume` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
};

export type FoundPostgres = { ok: true; bin: string; version: string } | { ok: false; reason: string };

/** PostgreSQL's server binaries: $PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian). */
export function findPostgres(): FoundPostgres {
  const fromEnvironment = process.env.PG_BIN;
  if (fromEnvironment) {
    return existsSync(join(fromEnvironment, 'initdb'))
      ? { ok: true, bin: fromEnvironment, version: 'PG_BIN' }
      : { ok: false, reason: `PG_BIN=${fromEnvironment} has no initdb` };
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((name) => existsSync(join(root, name, 'bin', 'initdb')) && existsSync(join(root, name, 'bin', 'pg_ctl')));
  if (!version) return { ok: false, reason: 'PostgreSQL server binaries not found (apt-get install -y postgresql, or set PG_BIN)' };
  return { ok: true, bin: join(root, version, 'bin'), version };
}

/** A port free on 127.0.0.1 now (asked of the kernel). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(found: Extract<FoundPostgres, { ok: true }>): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  const folder = await mkdtemp(join(tmpdir(), 'box-office-pg-'));
  const dataDir = join(folder, 'data');
  const asOwner = async (command: string, args: string[]) => {
    const [file, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    return run(file, fullArgs, { cwd: folder, timeout: 120_000 });
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const stopped = async () => {
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await asOwner(join(found.bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    // fsync off: a test cluster that loses data in a power cut is simply made again.
    const serverOptions = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const start = () => asOwner(join(found.bin, 'pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', join(folder, 'postgres.log'), '-w', '-t', '60', 'start']);
    await start();
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await client.end();
    return {
      adminUrl,
      version,
      stop: async () => {
        await asOwner(join(found.bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        await stopped();
      },
      pause: async () => {
        await asOwner(join(found.bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      },
      resume: async () => {
        await start();
      },
    };
  } catch (error) {
    await asOwner(join(found.bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    await stopped();
    throw error;
  }
}

/** A new, empty database on the cluster: each test file gets its own. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
