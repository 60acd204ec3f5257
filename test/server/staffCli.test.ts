// `npm run server -- staff …` as a venue's IT person uses it (issue 15, item 1), and the PIN
// hash never in clear in a log: every line the commands and a serving endpoint (at --log info,
// a line per request) print while staff are added, changed and fetched by a desk is grepped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInEntry } from './syncTestClient';
import { serverFolder } from './serverCommand';
import type { ServerFolder } from './serverCommand';

const env = { ...process.env, DATABASE_URL: '', BOX_OFFICE_ADMIN_TOKEN: 'staff-cli-admin-token-0123456789abcdefghij' };

describe('staff on the server command line', () => {
  let cli: ServerFolder;
  const logs: string[] = [];
  const server = (args: string[], stdin = '') => cli.run(args, { stdin });

  beforeAll(async () => {
    cli = await serverFolder('box-office-staff-cli-', env, (text) => logs.push(text));
  });
  afterAll(async () => {
    await cli.remove();
  });

  it('adds, lists, changes a role, resets a PIN, deactivates; no PIN and no hash ever in a log', async () => {
    expect((await server(['venue', 'create', 'studio', '--time-zone', 'Europe/London'])).code).toBe(0);
    const added = await server(['staff', 'add', 'studio', 'Ana Door', '--role', 'door'], '48261937\n');
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/Added Ana Door \(door\) to studio: id [0-9a-f-]{36}\./);
    expect(await server(['staff', 'add', 'studio', 'Bo', '--role', 'manager'], '12\n')).toMatchObject({ code: 2, stderr: expect.stringContaining('4 to 8 digits') });
    expect(await server(['staff', 'add', 'studio', 'Ana Door', '--role', 'admin'], '1111\n')).toMatchObject({ code: 1, stderr: expect.stringContaining('already someone called "Ana Door"') });
    expect(await server(['staff', 'add', 'studio', 'Cy', '--role', 'owner'], '1111\n')).toMatchObject({ code: 2, stderr: expect.stringContaining('door, manager or admin') });
    expect((await server(['staff', 'role', 'studio', 'Ana Door', 'manager'])).stdout).toContain('Ana Door is now manager at studio.');
    expect((await server(['staff', 'reset-pin', 'studio', 'Ana Door'], '59371846\n')).code).toBe(0);
    expect((await server(['staff', 'add', 'studio', 'Di Admin', '--role', 'admin'], '77712345\n')).code).toBe(0);
    expect((await server(['staff', 'deactivate', 'studio', 'Di Admin'])).stdout).toContain('Di Admin can no longer sign in');
    expect(await server(['staff', 'deactivate', 'studio', 'Nobody'])).toMatchObject({ code: 1, stderr: expect.stringContaining('nobody with the id or name "Nobody"') });
    const listed = await server(['staff', 'list', 'studio']);
    expect(listed.stdout).toMatch(/\tAna Door\tmanager\tactive\n/);
    expect(listed.stdout).toMatch(/\tDi Admin\tadmin\tinactive\n/);

    // A desk of the venue fetches the staff with their hashes, from a server logging every request.
    const issued = await server(['device', 'issue', 'studio']);
    const token = /Token \(shown once; pair the desk with it\): (\S+)/.exec(issued.stdout)![1]!;
    const serving = await cli.serve(['--port', '0', '--log', 'info']);
    const { url } = serving;
    const staff = await (await fetch(`${url}/sync/staff`, { headers: { authorization: `Bearer ${token}` } })).json() as { staff: { pinHash: string }[] };
    expect(staff.staff.map((member) => member.pinHash)).toEqual([expect.stringMatching(/^scrypt\$/), expect.stringMatching(/^scrypt\$/)]);
    const admin = { authorization: `Bearer ${env.BOX_OFFICE_ADMIN_TOKEN}`, 'content-type': 'application/json' };
    expect((await fetch(`${url}/admin/venues/studio/staff`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Ed', role: 'door', pin: '31415926' }) })).status).toBe(201);
    expect((await fetch(`${url}/admin/venues/studio/staff/Ed`, { method: 'POST', headers: admin, body: JSON.stringify({ pin: '27182818' }) })).status).toBe(200);
    // An entry by someone the venue does not know, pushed by the desk: stored, and listed by `audit list`.
    const unknownAuthor = checkInEntry('studio', { id: 'cli-audit-unknown', staffId: 'st-stranger', staff: 'Stranger' });
    const pushed = await fetch(`${url}/sync/ledger/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ newDocumentState: unknownAuthor }] }) });
    expect(pushed.status).toBe(200);
    expect(await serving.stop()).toBe(0);
    const audit = await server(['audit', 'list', 'studio']);
    expect(audit).toMatchObject({ code: 0 });
    expect(audit.stdout).toMatch(/\tcheck-in\tcli-audit-unknown\tStranger\tunknown-staff\tdesk /);
    expect(await server(['audit', 'list', 'nowhere'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no venue "nowhere"') });

    const everything = logs.join('\n');
    expect(everything).toContain('"url":"/sync/staff"');
    for (const secret of ['scrypt$', ...staff.staff.map((member) => member.pinHash.split('$').at(-1)!), '48261937', '59371846', '77712345', '31415926', '27182818']) {
      expect(everything, `a log holds ${secret}`).not.toContain(secret);
    }
  }, 480_000);
});
