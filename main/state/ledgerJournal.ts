// The desk's own ledger entries, kept a second time outside the storage host: `ledger-journal.ndjson`
// in main's data folder, one entry per line, on disk (fdatasync) before the command that wrote the
// entry answers. Chromium keeps IndexedDB in LevelDB, and when it finds that database damaged at
// start (a checksum mismatch, seen once in the crash test after a SIGKILL of the storage host) it
// deletes the whole origin's data and starts empty (docs/architecture.md "The ledger journal").
// The venue's records come back from the endpoint or the venue's file; this desk's own entries,
// not yet sent anywhere, would not. At every opening, entries of the journal that the database
// does not hold are written back (`restoreFromJournal`).
//
// A line is the latest form of one entry (a re-timed entry is written again with its new stamp;
// the last line of an id wins). A line that is not a ledger entry (the torn last line of a crash,
// a hand edit) is counted and skipped: the journal never stops a desk opening.
import { open, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerEntry } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import { parseJson } from './dataFolderFile';

export const LEDGER_JOURNAL_FILE = 'ledger-journal.ndjson';
const NEWLINE = 0x0a;

export type JournalRead = { entries: LedgerEntry[]; unreadable: number };

export type LedgerJournal = {
  /** One of this desk's own entries (new, or re-timed), on disk before it resolves. */
  keep(entry: LedgerEntry): Promise<void>;
  /** The latest form of every entry kept. */
  read(): Promise<JournalRead>;
  /** How many lines it holds, unparsed: at least as many as the entries it keeps (cheap at every opening). */
  lines(): Promise<number>;
  /** Forgets every entry: the database it backed was removed on purpose (the demo discarded). */
  clear(): Promise<void>;
  close(): Promise<void>;
};

/** A desk with no data folder (unit tests, scenarios): nothing kept beside the database. */
export const noLedgerJournal: LedgerJournal = {
  keep: () => Promise.resolve(),
  read: () => Promise.resolve({ entries: [], unreadable: 0 }),
  lines: () => Promise.resolve(0),
  clear: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/** The latest form of each entry of the journal's text, in the order they were first kept. */
export function readJournalText(text: string): JournalRead {
  const latest = new Map<string, LedgerEntry>();
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = ledgerEntrySchema.safeParse(parseJson(line));
    if (parsed.success) latest.set(parsed.data.id, parsed.data);
    else unreadable += 1;
  }
  return { entries: [...latest.values()], unreadable };
}

export function ledgerJournalFile(dataDir: string): LedgerJournal {
  const file = join(dataDir, LEDGER_JOURNAL_FILE);
  let handle: Promise<FileHandle> | null = null;
  // Appends one at a time: a line is written whole before the next starts, and each is synced.
  let queue: Promise<unknown> = Promise.resolve();
  const opened = () => (handle ??= open(file, 'a', 0o600));
  /** The journal's bytes; null when there is none yet. */
  const readKept = async (): Promise<Buffer | null> => {
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  const closeHandle = async () => {
    const current = handle;
    handle = null;
    if (current) await (await current.catch(() => null))?.close();
  };
  return {
    keep(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      const written = queue.then(async () => {
        const fh = await opened();
        await fh.write(line);
        await fh.datasync();
      });
      queue = written.catch(() => undefined);
      return written;
    },
    async read() {
      const bytes = await readKept();
      return bytes ? readJournalText(bytes.toString('utf8')) : { entries: [], unreadable: 0 };
    },
    async lines() {
      const bytes = await readKept();
      if (!bytes) return 0;
      let count = 0;
      for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
      // A last line a crash cut short has no newline: it counts too (it may be one to read).
      return bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE ? count + 1 : count;
    },
    async clear() {
      await queue;
      await closeHandle();
      await rm(file, { force: true });
    },
    async close() {
      await queue;
      await closeHandle();
    },
  };
}
