// Where a paired desk keeps its endpoint and device token: `sync.json` in main's data folder,
// readable by this user only (the token opens the venue's data). Entered once, when pairing.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EndpointSettings } from './syncEndpoint';
import { certificateFingerprintSchema } from '../../shared/schema/api';

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
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = settingsSchema.safeParse(parseJson(text));
      if (parsed.success) return parsed.data;
      // A damaged pairing must not stop the door: the desk runs unpaired and says so.
      const aside = `${file}.damaged-${Date.now()}`;
      await rename(file, aside);
      log(`sync: ${file} was damaged (kept as ${aside}); this desk is not paired until it is paired again`);
      return null;
    },
    async write(settings) {
      if (settings === null) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(dataDir, { recursive: true });
      const temporary = `${file}.tmp`;
      // Created 0600, then renamed over the old file, so no reader ever sees half a token.
      await rm(temporary, { force: true });
      await writeFile(temporary, JSON.stringify(settings, null, 2), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
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
