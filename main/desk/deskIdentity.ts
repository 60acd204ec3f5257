// Who this desk is: a desk id made once per installation (it is part of every ledger entry
// and of every hybrid logical clock stamp) and the staff name written into the history.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { deskIdSchema } from '../../shared/schema/records';
import type { DeskIdentity } from '../state/deskContext';
import { deskLanguageSchema } from '../../shared/schema/deskLanguages';
import { readKeptJson, writeWhole } from '../state/dataFolderFile';

// The desk id by the one rule (shared deskIdSchema): an id with a line break or a control
// character would form no stamp, so such a file is damaged like any other.
const identitySchema = z.object({ deskId: deskIdSchema, staff: z.string().max(100), language: deskLanguageSchema.optional().catch(undefined) });

export async function readDeskIdentity(dataDir: string, log: (line: string) => void = console.warn): Promise<DeskIdentity> {
  const file = join(dataDir, 'desk.json');
  // A damaged identity must not stop the door: the data lives in the storage host, and a
  // new desk id only means later entries carry a new id. The damaged file is kept aside.
  const kept = await readKeptJson(file, identitySchema, (why, aside) => log(`desk: ${file} was damaged (${why}; kept as ${aside}); this desk starts with a new desk id`));
  if (kept) return kept;
  const identity = { deskId: `desk-${randomUUID().slice(0, 8)}`, staff: 'Front desk' };
  await writeDeskIdentity(dataDir, identity);
  return identity;
}

/** Written whole, so a crash never leaves half a file. */
export async function writeDeskIdentity(dataDir: string, identity: DeskIdentity): Promise<void> {
  await writeWhole(join(dataDir, 'desk.json'), JSON.stringify(identity, null, 2));
}
