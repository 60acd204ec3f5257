// The browser desk's secret: every page and socket must show it (`?s=`, deskHttpServer.ts). It
// is kept in the desk's data folder, so the same folder keeps the same address across restarts:
// a bookmark of the desk goes on working, and a tab left open reconnects by itself when the desk
// is started again. Whoever can read it can call the desk, so the file is the owner's alone
// (0600) in a folder that is the owner's alone (0700), like the device token in sync.json.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWhole } from '../state/dataFolderFile';

export const SECRET_FILE = 'browser-desk-secret';

/** Windows keeps access in ACLs (a user's profile folder is private already), not mode bits. */
const modeBitsMatter = process.platform !== 'win32';

/** 24 random bytes, base64url: what the desk has always made for a launch. */
const SECRET_FORMAT = /^[A-Za-z0-9_-]{32}$/;

export async function readOrCreateDeskSecret(dataDir: string, log: (line: string) => void = console.warn): Promise<string> {
  await ownerOnlyFolder(dataDir, log);
  const file = join(dataDir, SECRET_FILE);
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const kept = text?.trim() ?? '';
  if (SECRET_FORMAT.test(kept)) {
    // Someone may have loosened it by hand (a backup restored, a copy): the owner's alone again.
    if (modeBitsMatter && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return kept;
  }
  if (text !== null) log(`desk server: ${file} does not hold a secret this desk made; a new one is made, and addresses bookmarked before stop working`);
  const secret = randomBytes(24).toString('base64url');
  // The owner's alone, and a crash never leaves half a secret.
  await writeWhole(file, `${secret}\n`, { ownerOnly: true });
  return secret;
}

async function ownerOnlyFolder(dataDir: string, log: (line: string) => void): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!modeBitsMatter) return;
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  await chmod(dataDir, 0o700);
  log(`desk server: ${dataDir} was readable by others (mode ${mode.toString(8)}); it holds the desk's secret and is now the owner's alone (700)`);
}
