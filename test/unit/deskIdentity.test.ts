import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeskIdentity, writeDeskIdentity } from '../../main/desk/deskIdentity';

describe('desk identity', () => {
  it('is made once and kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'identity-'));
    const first = await readDeskIdentity(dir);
    expect(first.deskId).toMatch(/^desk-[0-9a-f]{8}$/);
    expect(await readDeskIdentity(dir)).toEqual(first);
    await writeDeskIdentity(dir, { ...first, staff: 'Sam' });
    expect(await readDeskIdentity(dir)).toEqual({ deskId: first.deskId, staff: 'Sam' });
  });

  it.each([['not json at all'], ['{"deskId": 5}'], ['[]'], ['{"deskId": "desk\\nA", "staff": "Sam"}'], ['{"deskId": "desk\\u0001", "staff": "Sam"}']])('sets a damaged file (%s) aside and starts with a new id', async (text) => {
    const dir = await mkdtemp(join(tmpdir(), 'identity-'));
    await writeFile(join(dir, 'desk.json'), text);
    const lines: string[] = [];
    const identity = await readDeskIdentity(dir, (line) => lines.push(line));
    expect(identity.deskId).toMatch(/^desk-[0-9a-f]{8}$/);
    expect(lines.join('\n')).toContain('damaged');
    const files = await readdir(dir);
    const aside = files.find((file) => file.startsWith('desk.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(text);
  });
});
