// `npm run server -- hub` as the venue's IT person runs it (one process, node --import tsx), on
// loopback addresses only: it prints a pairing code with its pinned certificate; killed with
// SIGKILL and started again on its data folder while upstream is unreachable, it serves the same
// desk at once with the same certificate and what the desk had sent; upstream back, everything
// reaches it once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startSyncServer } from '../../server/startSyncServer';
import { createDemoVenue } from '../../server/import/demoVenue';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { decodePairingCode } from '../../shared/schema/pairingCode';
import { testPort } from '../testPorts';
import { ADMIN_TOKEN, SyncTestClient, checkInEntry } from './syncTestClient';
import { startCuttableProxy } from './cuttableProxy';

const HUB_ADDRESS = `127.0.0.2:${testPort(4995)}`;
const folder = mkdtempSync(join(tmpdir(), 'hub-cli-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

function startHubProcess(upstreamUrl: string, token: string, pair: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'hub', '--upstream', upstreamUrl, '--data', join(folder, 'hub-data'), '--listen', HUB_ADDRESS, ...pair.flatMap((name) => ['--pair', name])], {
    env: { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: '', BOX_OFFICE_UPSTREAM_TOKEN: token },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`the hub did not start: ${output}`)), 90_000);
    const check = setInterval(() => {
      if (/Venue hub for .* on https:\/\//.test(output) && (pair.length === 0 || /BOX1-\S+/.test(output))) {
        clearInterval(check);
        clearTimeout(deadline);
        resolve({ child, output: () => output });
      } else if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(deadline);
        reject(new Error(`the hub exited ${child.exitCode}: ${output}`));
      }
    }, 100);
  });
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('prints a pairing code with its certificate; killed and restarted while upstream is down, it serves the same desk at once; upstream back, it has everything once', async () => {
  const upstream = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN });
  const line = await startCuttableProxy(upstream.url);
  try {
    const demo = await createDemoVenue(upstream.db, { customers: 10, seed: 5, today: '2026-02-01', timeZone: 'Europe/London' });
    const { token } = await upstream.admin.issueDevice(demo.venue.id, 'hub');
    const office = new SyncTestClient(upstream.url, (await upstream.admin.issueDevice(demo.venue.id, 'office')).token);

    const first = await startHubProcess(line.url, token, ['Door 1']);
    const code = /BOX1-\S+/.exec(first.output())![0];
    const decoded = decodePairingCode(code);
    if (!decoded.ok) throw new Error('the printed pairing code does not read');
    expect(decoded.pairing.url).toBe(`https://${HUB_ADDRESS}`);
    expect(first.output()).toContain(`Its certificate (desks pin it; the pairing codes carry it): ${decoded.pairing.certificate}`);
    const door = new SyncEndpoint({ url: decoded.pairing.url, token: decoded.pairing.token, certificate: decoded.pairing.certificate! });
    const before = checkInEntry(demo.venue.id);
    expect(await door.push([{ newDocumentState: { ...before, _deleted: false } }])).toMatchObject({ ok: true });

    line.cut();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    // Its data folder's lock outlives a SIGKILL for up to 30 s (server/db/dataFolderLock.ts):
    // started again as a service manager would, until it takes the folder.
    let second: Awaited<ReturnType<typeof startHubProcess>> | null = null;
    for (let attempt = 0; second === null; attempt += 1) {
      second = await startHubProcess(line.url, token, []).catch((error: unknown) => {
        if (attempt > 30 || !String(error).includes('is in use by process')) throw error;
        return null;
      });
      if (second === null) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    // The same certificate (the desk's pin holds) and what the desk had sent.
    const during = checkInEntry(demo.venue.id);
    expect(await door.push([{ newDocumentState: { ...during, _deleted: false } }])).toMatchObject({ ok: true });
    const atHub = await door.pull('ledger', undefined, 1000);
    expect(atHub.ok && atHub.value.documents.map((document) => (document as { id: string }).id)).toEqual(expect.arrayContaining([before.id, during.id]));

    line.restore();
    await until('both entries upstream, once each', async () => {
      const ids = (await office.pullAll('ledger', 1000)).documents.map((document) => String(document.id));
      return ids.includes(String(before.id)) && ids.includes(String(during.id)) && new Set(ids).size === ids.length;
    });
    second.child.kill('SIGTERM');
    expect(await new Promise((resolve) => second.child.once('exit', resolve))).toBe(0);
  } finally {
    await line.close();
    await upstream.close();
  }
}, 240_000);
