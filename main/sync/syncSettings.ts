// Where a paired desk keeps its endpoint and device token: `sync.json` in main's data folder,
// readable by this user only (the token opens the venue's data). Entered once, when pairing.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EndpointSettings } from './syncEndpoint';
import { certificateFingerprintSchema } from '../../shared/schema/api';
import { readKeptJson, writeWhole } from '../state/dataFolderFile';

export type SyncSettingsStore = {
  read(): Promise<EndpointSettings | null>;
  /** null forgets the pairing. */
  write(settings: EndpointSettings | null): Promise<void>;
};

const settingsSchema = z.object({ url: z.string().url(), token: z.string().min(1), certificate: certificateFingerprintSchema.optional() }).strict();

export const SYNC_SETTINGS_FILE = 'sync.json';

export function syncSettingsFile(dataDir: string, log: (line: string) => void = console.warn): SyncSettingsStore {
  const file = join(dataDir, SYNC_SETTINGS_FILE);
  return {
    // A damaged pairing must not stop the door: the desk runs unpaired and says so.
    read: () => readKeptJson(file, settingsSchema, (_why, aside) => log(`sync: ${file} was damaged (kept as ${aside}); this desk is not paired until it is paired again`)),
    async write(settings) {
      if (settings === null) {
        await rm(file, { force: true });
        return;
      }
      // This user's alone from the first byte, and never half a token.
      await writeWhole(file, JSON.stringify(settings, null, 2), { ownerOnly: true });
    },
  };
}

/** A store that forgets on exit: tests, and the scenario runner. */
export function syncSettingsInMemory(initial: EndpointSettings | null = null): SyncSettingsStore {
  let current = initial;
  return {
    read: async () => current,
    write: async (settings) => {
      current = settings;
    },
  };
}
