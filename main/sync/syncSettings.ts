// Where a paired desk keeps its endpoints and device tokens: `sync.json` in main's data folder,
// readable by this user only (a token opens the venue's data). Entered when pairing; an ordered
// list (main/sync/endpointList.ts): the venue hub first, the internet server (upstream) second.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EndpointSettings } from './syncEndpoint';
import { certificateFingerprintSchema } from '../../shared/schema/api';
import { ordered } from './endpointList';

export type SyncSettingsStore = {
  /** The endpoints in order of preference, hub first; empty: not paired. */
  read(): Promise<EndpointSettings[]>;
  /** An empty list forgets the pairing. */
  write(endpoints: readonly EndpointSettings[]): Promise<void>;
};

const endpointSchema = z.object({ url: z.string().url(), token: z.string().min(1), certificate: certificateFingerprintSchema.optional() }).strict();
/** One of each kind at most: a hub and upstream. */
const listSchema = z.object({ endpoints: z.array(endpointSchema).min(1).max(2) }).strict();
/** What a desk paired before the list stored: one endpoint, read as a list of one. */
const settingsFileSchema = z.union([listSchema, endpointSchema.transform((settings) => ({ endpoints: [settings] }))]);

export const SYNC_SETTINGS_FILE = 'sync.json';

export function syncSettingsFile(dataDir: string, log: (line: string) => void = console.warn): SyncSettingsStore {
  const file = join(dataDir, SYNC_SETTINGS_FILE);
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const parsed = settingsFileSchema.safeParse(parseJson(text));
      if (parsed.success) return ordered(parsed.data.endpoints.map(withoutUndefined));
      // A damaged pairing must not stop the door: the desk runs unpaired and says so.
      const aside = `${file}.damaged-${Date.now()}`;
      await rename(file, aside);
      log(`sync: ${file} was damaged (kept as ${aside}); this desk is not paired until it is paired again`);
      return [];
    },
    async write(endpoints) {
      if (endpoints.length === 0) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(dataDir, { recursive: true });
      const temporary = `${file}.tmp`;
      // Created 0600, then renamed over the old file, so no reader ever sees half a token.
      await rm(temporary, { force: true });
      await writeFile(temporary, JSON.stringify({ endpoints: ordered(endpoints) }, null, 2), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    },
  };
}

function withoutUndefined(settings: z.output<typeof endpointSchema>): EndpointSettings {
  return { url: settings.url, token: settings.token, ...(settings.certificate === undefined ? {} : { certificate: settings.certificate }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A store that forgets on exit: tests, and the scenario runner. */
export function syncSettingsInMemory(initial: EndpointSettings | readonly EndpointSettings[] | null = null): SyncSettingsStore {
  let current: EndpointSettings[] = initial === null ? [] : ordered(Array.isArray(initial) ? initial : [initial as EndpointSettings]);
  return {
    read: async () => [...current],
    write: async (endpoints) => {
      current = ordered(endpoints);
    },
  };
}
