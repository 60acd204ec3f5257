// A full disk under a running endpoint on PGlite (issue 12, finding 3: after a disk-full write
// error it answered nothing, /healthz included, spinning for minutes). The server runs as
// `npm run server -- demo` with its data folder on a tmpfs of its own (a mount namespace made
// with unshare, so nothing of the machine's is touched); the test fills that tmpfs through
// /proc/<pid>/root and frees it again.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SyncTestClient, checkInEntry } from './syncTestClient';

const root = join(import.meta.dirname, '..', '..');
const TMPFS_MB = 192;

function canMountTmpfs(): string | null {
  if (process.platform !== 'linux') return 'needs Linux mount namespaces';
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt && umount /mnt'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `cannot mount a tmpfs in a mount namespace (${(probe.stderr || probe.error?.message || '').trim()})`;
}

const skip = canMountTmpfs();
if (skip) process.stderr.write(`disk-full tests skipped: ${skip}\n`);

describe.skipIf(skip !== null)('a full disk under the endpoint on PGlite', () => {
  let folder = '';
  let child: ChildProcess | null = null;
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('turns /healthz to 503 with the reason, answers writes storage-full and reads as ever, never spins, and recovers when space returns', async () => {
    folder = await mkdtemp(join(tmpdir(), 'box-office-disk-full-'));
    const mount = join(folder, 'disk');
    child = spawn('unshare', ['-m', 'sh', '-c', `mkdir -p "$1" && mount -t tmpfs -o size=${TMPFS_MB}m tmpfs "$1" && exec "$2" --import tsx server/cli.ts demo --customers 20 --port 0 --data "$1/data"`, 'sh', mount, process.execPath], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: '' },
      detached: true,
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops')) resolve();
      });
      child!.on('close', (code) => reject(new Error(`demo exited ${code}: ${output}`)));
    });
    const url = /Endpoint address\s+(\S+)/.exec(output)![1]!;
    const desk = new SyncTestClient(url, /Device token\s+(\S+)/.exec(output)![1]!);
    // The tmpfs as the server sees it, from outside its mount namespace.
    const disk = `/proc/${child.pid}/root${mount}`;
    const health = async () => {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await desk.push([checkInEntry('demo-venue')])).status).toBe(200);

    // Fill the disk to 16 MB free: under the 64 MB the server keeps in reserve.
    const free = async () => {
      const stats = await statfs(disk);
      return stats.bavail * stats.bsize;
    };
    await writeFile(join(disk, 'filler'), Buffer.alloc(Math.max(0, (await free()) - 16 * 1024 * 1024)));
    await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(503);
    expect((await health()).body).toMatchObject({ error: 'storage-full', message: expect.stringContaining('disk is full') });
    const refused = await desk.push([checkInEntry('demo-venue')]);
    expect(refused).toMatchObject({ status: 507, body: { error: 'storage-full' } });
    // Reads go on: a desk still gets what is there.
    expect((await desk.get('/sync/hello')).status).toBe(200);
    expect((await desk.pull('ledger', { limit: 1 })).status).toBe(200);
    // Not spinning: the server keeps answering, at once, for a while.
    for (let round = 0; round < 5; round += 1) {
      expect((await health()).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await rm(join(disk, 'filler'));
    await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(200);
    const entry = checkInEntry('demo-venue');
    expect((await desk.push([entry])).status).toBe(200);
    const pulled = await desk.pullAll('ledger', 1_000);
    expect(pulled.documents.map((document) => document.id)).toContain(entry.id);

    const exited = new Promise<number | null>((resolve) => child!.on('close', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
