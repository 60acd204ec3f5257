// Where a paired desk keeps its endpoints and device tokens: `sync.json` in main's data folder,
// readable by this user only (a token opens the venue's data). Entered when pairing; an ordered
// list (main/sync/endpointList.ts): the venue hub first, the internet server (upstream) second.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EndpointSettings } from './syncEndpoint';
import { certificateFingerprintSchema } from '../../shared/schema/api';
import { readKeptJson, writeWhole } from '../state/dataFolderFile';
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
      // A damaged pairing must not stop the door: the desk runs unpaired and says so.
      const kept = await readKeptJson(file, settingsFileSchema, (_why, aside) => log(`sync: ${file} was damaged (kept as ${aside}); this desk is not paired until it is paired again`));
      return kept === null ? [] : ordered(kept.endpoints.map(withoutUndefined));
    },
    async write(endpoints) {
      if (endpoints.length === 0) {
        await rm(file, { force: true });
        return;
      }
      // This user's alone from the first byte, and never half a token.
      await writeWhole(file, JSON.stringify({ endpoints: ordered(endpoints) }, null, 2), { ownerOnly: true });
    },
  };
}

function withoutUndefined(settings: z.output<typeof endpointSchema>): EndpointSettings {
  return { url: settings.url, token: settings.token, ...(settings.certificate === undefined ? {} : { certificate: settings.certificate }) };
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
