// One of two processes racing for data folder locks (test/server/dataFolder.test.ts): at the
// same wall-clock instants as the other, it tries to lock folder 0, 1, 2, … and keeps every lock
// it gets until all trials are done, so that two holders of one folder would be seen. Prints
// which trials it won, as JSON.
//   tsx test/server/lockRace.ts <folder> <start at, ms since the epoch> <trials> <spacing ms>
import { join } from 'node:path';
import { lockDataFolder } from '../../server/db/dataFolderLock';
import type { DataFolderLock } from '../../server/db/dataFolderLock';

const [folder, startAt, trials, spacing] = process.argv.slice(2);
const held: DataFolderLock[] = [];
const won: boolean[] = [];
for (let trial = 0; trial < Number(trials); trial += 1) {
  const at = Number(startAt) + trial * Number(spacing);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const locked = await lockDataFolder(join(folder!, String(trial)), `racer ${process.pid}`);
  won.push(locked.ok);
  if (locked.ok) held.push(locked.lock);
}
process.stdout.write(`${JSON.stringify(won)}\n`);
for (const lock of held) await lock.release();
