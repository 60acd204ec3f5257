// A full disk under PostgreSQL (issue 12, finding 3, the endpoint's other engine): the
// cluster's data folder on a small tmpfs of its own (a mount namespace made with unshare),
// filled through /proc/<pid>/root while desks push, then freed. The endpoint must answer every
// request with a code (never hang, never a bare 500), and work again once there is room.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { freePort } from './postgresCluster';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { findPostgres } from './postgresCluster';
import { ADMIN_TOKEN, SyncTestClient, checkInEntry } from './syncTestClient';

const found = findPostgres();
const asRoot = process.getuid?.() === 0;
function skipReason(): string | null {
  if (!found.ok) return found.reason;
  if (process.platform !== 'linux' || !asRoot) return 'needs Linux and root (a tmpfs in a mount namespace)';
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt && umount /mnt'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `cannot mount a tmpfs in a mount namespace (${(probe.stderr || '').trim()})`;
}
const skip = skipReason();
if (skip) process.stderr.write(`PostgreSQL disk-full test skipped: ${skip}\n`);

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe.skipIf(skip !== null)('a full disk under the endpoint on PostgreSQL', () => {
  let folder = '';
  let cluster: ChildProcess | null = null;
  let server: SyncServer | null = null;
  afterAll(async () => {
    await server?.close().catch(() => undefined);
    if (cluster?.pid && cluster.exitCode === null) {
      try {
        process.kill(-cluster.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('answers every request with a code while the disk is full, never hangs, and works again when space returns', async () => {
    if (!found.ok) return;
    folder = await mkdtemp(join(tmpdir(), 'box-office-pg-full-'));
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    await chown(folder, uid, gid);
    const mount = join(folder, 'disk');
    const port = await freePort();
    const script = [
      'set -e', 'mkdir -p "$1"', 'mount -t tmpfs -o size=160m tmpfs "$1"', 'chown postgres:postgres "$1"',
      'runuser -u postgres -- "$2/initdb" -D "$1/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null',
      `exec runuser -u postgres -- "$2/postgres" -D "$1/data" -p ${port} -k "$1" -c listen_addresses=127.0.0.1 -c fsync=off -c max_wal_size=32MB`,
    ].join('\n');
    cluster = spawn('unshare', ['-m', 'sh', '-c', script, 'sh', mount, found.bin], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    cluster.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await expect.poll(() => reachable(adminUrl), { timeout: 60_000, interval: 500 }).toBe(true);

    server = await startSyncServer({ database: { kind: 'postgres', url: adminUrl }, adminToken: ADMIN_TOKEN, summaryRefreshMs: 0 });
    await server.admin.createVenue({ id: 'full', timeZone: 'Europe/London' });
    const desk = new SyncTestClient(server.url, (await server.admin.issueDevice('full', 'desk')).token);
    const push = async () => {
      const response = await fetch(`${server!.url}/sync/ledger/push`, {
        method: 'POST', headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: Array.from({ length: 200 }, () => ({ newDocumentState: { ...checkInEntry('full', { reason: 'x'.repeat(500) }), _deleted: false } })) }),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    expect((await push()).status).toBe(200);

    const disk = `/proc/${cluster.pid}/root${mount}`;
    const stats = await statfs(disk);
    await writeFile(join(disk, 'filler'), Buffer.alloc(stats.bavail * stats.bsize - 256 * 1024));
    // Push until the database has no room: each answer is a code, within the timeout.
    const answers: string[] = [];
    for (let attempt = 0; attempt < 40 && !answers.some((answer) => answer !== '200 ok'); attempt += 1) {
      const answer = await push();
      answers.push(answer.status === 200 ? '200 ok' : `${answer.status} ${String(answer.body.error)}`);
    }
    const refused = answers.filter((answer) => answer !== '200 ok');
    expect(refused.length, `answers: ${answers.join(', ')}; postgres: ${log}`).toBeGreaterThan(0);
    for (const answer of refused) expect(answer).toMatch(/^(507 storage-full|503 unavailable)$/);
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ error: 'storage-full', message: expect.stringContaining('disk is full') });

    await rm(join(disk, 'filler'));
    await expect.poll(async () => (await push().catch(() => ({ status: 0 }))).status, { timeout: 60_000, interval: 1_000 }).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
