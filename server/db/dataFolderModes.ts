// A PGlite data folder holds customers' names and emails and the token hashes: nobody but its
// owner may read it. PGlite makes its files with mode 0666 less the umask (under the usual
// umask 022, 968 files were readable by every user of the machine and some writable: issue 12,
// finding 4), so the server's command line runs with umask 077 (server/cli.ts) and the folder
// is brought to 0700 / 0600 whenever it is opened and closed, for whoever opened it otherwise.
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Folders 0700 and files 0600, all the way down (symbolic links are left alone). */
export async function restrictDataFolder(dataDir: string): Promise<void> {
  await chmod(dataDir, PRIVATE_FOLDER_MODE);
  const entries = await readdir(dataDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(path, PRIVATE_FOLDER_MODE);
    else if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE);
  }
}
