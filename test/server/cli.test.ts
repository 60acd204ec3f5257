// `npm run server -- …` as the venue's IT person uses it, on a PGlite data folder: create a
// venue, issue a token, import files, serve (the folder is locked meanwhile), stop, revoke.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePairingCode } from '../../shared/schema/pairingCode';
import { serverFolder } from './serverCommand';
import type { ServerFolder } from './serverCommand';

describe('the server command line', () => {
  let cli: ServerFolder;
  const server = (args: string[]) => cli.run(args);

  beforeAll(async () => {
    cli = await serverFolder('box-office-cli-', { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: '' });
  });
  afterAll(async () => {
    await cli.remove();
  });

  it('creates a venue, issues a token, imports, serves with the folder locked, stops cleanly, revokes', async () => {
    const created = await server(['venue', 'create', 'studio', '--time-zone', 'Europe/London', '--name', 'Riverside']);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('Created venue studio');

    const issued = await server(['device', 'issue', 'studio', '--name', 'Front desk']);
    expect(issued.code).toBe(0);
    const token = /Token \(shown once; pair the desk with it\): (\S+)/.exec(issued.stdout)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const venueFile = join(cli.folder, 'studio.json');
    await writeFile(venueFile, JSON.stringify({
      venue: { id: 'studio', timeZone: 'Europe/London' },
      products: [{ id: 'p10', name: '10 classes', uses: 10, expiry: { kind: 'none' }, validFor: 'all' }],
      customers: [{ id: 'c1', name: 'Ada Lovelace' }],
    }));
    const imported = await server(['import', 'studio', venueFile]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/customers\s+1 new/);

    const badCsv = join(cli.folder, 'customers.csv');
    await writeFile(badCsv, 'id,name,email\nc2,Bob,bob@example.com\nc3,,c@example.com\n');
    const refused = await server(['import', 'studio', badCsv]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('customers.csv: line 3 "name"');

    const serving = await cli.serve(['--port', '0']);
    const { url } = serving;
    const hello = await fetch(`${url}/sync/hello`, { headers: { authorization: `Bearer ${token}` } });
    expect(await hello.json()).toMatchObject({ venue: { id: 'studio', name: 'Riverside' }, counts: { customers: 1, products: 1 } });
    // The first start made an admin token and printed it once.
    expect(serving.output()).toMatch(/Admin token \(shown once/);

    const whileServing = await server(['device', 'list', 'studio']);
    expect(whileServing.code).toBe(1);
    expect(whileServing.stderr).toContain('is in use by process');

    expect(await serving.stop()).toBe(0);
    expect(existsSync(join(cli.dataDir, 'box-office-server.lock'))).toBe(false);

    const revoked = await server(['device', 'revoke', token!]);
    expect(revoked.code).toBe(0);
    const listed = await server(['device', 'list', 'studio']);
    expect(listed.stdout).toMatch(/Front desk\tissued .*\trevoked /);
    expect(listed.stdout).not.toContain(token);

    const usage = await server(['venue', 'create', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--time-zone');
  }, 240_000);

  it('demo says it is starting at once, then prints the endpoint address, the device token and a pairing code holding both', async () => {
    const demoData = join(cli.folder, 'demo-data');
    const child = cli.spawn(['demo', '--customers', '20', '--port', '0'], demoData);
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops')) resolve();
      });
      child.on('close', (code) => reject(new Error(`demo exited ${code}: ${output}`)));
    });
    expect(output.split('\n')[0]).toMatch(/^Starting the sync server/);
    const url = /Endpoint address\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const token = /Device token\s+(\S+)/.exec(output)?.[1];
    const code = /^\s+(BOX1-\S+)$/m.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(decodePairingCode(code ?? '')).toEqual({ ok: true, pairing: { url, token } });
    const hello = await fetch(`${url}/sync/hello`, { headers: { authorization: `Bearer ${token}` } });
    expect(await hello.json()).toMatchObject({ venue: { id: 'demo-venue' } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
