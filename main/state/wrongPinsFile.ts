// Where a desk keeps its wrong PINs (shared/staff/pinBackoff.ts): `pin-tries.json` in main's
// data folder, so that closing and opening the desk (or the computer) does not wipe the count
// a guesser has run up. Validated on read; a damaged or unreadable file never stops the desk
// opening: it is kept aside, said in the log, and the count starts again.
import { join } from 'node:path';
import type { WrongPins } from '../../shared/staff/pinBackoff';
import { noWrongPinsAtAll, wrongPinsSchema } from '../../shared/staff/pinBackoff';
import { readKeptJson, writeWhole } from './dataFolderFile';

export type WrongPinsStore = {
  read(): Promise<WrongPins>;
  write(pins: WrongPins): Promise<void>;
};

export const WRONG_PINS_FILE = 'pin-tries.json';

/** A desk with no data folder (tests, scenarios): the count lives as long as the store. */
export function wrongPinsInMemory(): WrongPinsStore {
  let kept = noWrongPinsAtAll;
  return {
    read: () => Promise.resolve(kept),
    write(pins) {
      kept = pins;
      return Promise.resolve();
    },
  };
}

export function wrongPinsFile(dataDir: string, log: (line: string) => void = console.warn): WrongPinsStore {
  const file = join(dataDir, WRONG_PINS_FILE);
  return {
    async read() {
      try {
        const kept = await readKeptJson(file, wrongPinsSchema, (_why, aside) => log(`desk: ${file} was damaged (kept as ${aside}); wrong PINs are counted from zero`));
        return kept ?? noWrongPinsAtAll;
      } catch (error) {
        log(`desk: could not read ${file} (${(error as Error).message}); wrong PINs are counted from zero`);
        return noWrongPinsAtAll;
      }
    },
    write: (pins) => writeWhole(file, JSON.stringify(pins)),
  };
}
