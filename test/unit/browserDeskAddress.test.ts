// The browser desk's address lasts (main/browser/deskSecret.ts): the same data folder gives the
// same address at every start, so a bookmark works; the secret in it is the owner's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { readOrCreateDeskSecret, SECRET_FILE } from '../../main/browser/deskSecret';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-address-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
const secretOf = (url: string) => new URL(url).searchParams.get('s');

describe('the browser desk\'s address', () => {
  it('is the same after a restart with the same data folder, and another folder has another', async () => {
    const dataDir = path.join(workDir, 'desk-a');
    const logs: string[] = [];
    const first = await startBrowserDesk({ port: 0, dataDir, log: (line) => logs.push(line) });
    const { url, port } = first;
    await first.close();
    const again = await startBrowserDesk({ port, dataDir, log: (line) => logs.push(line) });
    try {
      expect(again.url).toBe(url);
    } finally {
      await again.close();
    }
    expect(secretOf(url)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startBrowserDesk({ port: 0, dataDir: path.join(workDir, 'desk-b'), log: (line) => logs.push(line) });
    await other.close();
    expect(secretOf(other.url)).not.toBe(secretOf(url));
  });

  it('keeps its secret in a file only the owner can read, in a folder only the owner can open', async () => {
    const dataDir = path.join(workDir, 'fresh', 'desk');
    const secret = await readOrCreateDeskSecret(dataDir, () => {});
    expect((await readFile(path.join(dataDir, SECRET_FILE), 'utf8')).trim()).toBe(secret);
    expect(await modeOf(path.join(dataDir, SECRET_FILE))).toBe(0o600);
    expect(await modeOf(dataDir)).toBe(0o700);
  });

  it('closes a data folder and a secret file that others could read, and keeps the secret', async () => {
    const dataDir = path.join(workDir, 'loose');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const secret = await readOrCreateDeskSecret(dataDir, () => {});
    await chmod(path.join(dataDir, SECRET_FILE), 0o644);
    await chmod(dataDir, 0o755);
    const logs: string[] = [];
    expect(await readOrCreateDeskSecret(dataDir, (line) => logs.push(line))).toBe(secret);
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(path.join(dataDir, SECRET_FILE))).toBe(0o600);
    expect(logs.join('\n')).toContain('is now the owner\'s alone (700)');
  });

  it.each([
    ['an empty file', ''],
    ['a secret too short', 'abc'],
    ['a secret with a character an address would have to escape', `${'a'.repeat(31)}/`],
    ['the longest line of something else', 'x'.repeat(10_000)],
  ])('replaces %s with a new secret, and says that old bookmarks stop working', async (_, text) => {
    const dataDir = await mkdtemp(path.join(workDir, 'damaged-'));
    await writeFile(path.join(dataDir, SECRET_FILE), text, { mode: 0o600 });
    const logs: string[] = [];
    const secret = await readOrCreateDeskSecret(dataDir, (line) => logs.push(line));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(secret).not.toBe(text);
    expect(logs.join('\n')).toContain('addresses bookmarked before stop working');
    expect(await readOrCreateDeskSecret(dataDir, () => {})).toBe(secret);
  });
});
