// Who this desk is: a desk id made once per installation (it is part of every ledger entry
// and of every hybrid logical clock stamp) and the staff name written into the history.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeskIdentity } from './deskContext';

const identitySchema = z.object({ deskId: z.string().min(1).max(100), staff: z.string().max(100) });

export async function readDeskIdentity(dataDir: string): Promise<DeskIdentity> {
  const file = join(dataDir, 'desk.json');
  try {
    const parsed = identitySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
    throw new Error(`${file} is damaged: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const identity = { deskId: `desk-${randomUUID().slice(0, 8)}`, staff: 'Front desk' };
  await writeDeskIdentity(dataDir, identity);
  return identity;
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export async function writeDeskIdentity(dataDir: string, identity: DeskIdentity): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'desk.json');
  await writeFile(`${file}.tmp`, JSON.stringify(identity, null, 2));
  await rename(`${file}.tmp`, file);
}
