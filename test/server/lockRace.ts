// One of two processes racing for data folder locks (test/server/dataFolder.test.ts): at the
// same wall-clock instants as the other, it tries to lock folder 0, 1, 2, … and keeps every lock
// it gets until the parent says both racers are done, so that two holders of one folder would be
// seen. Its lines on stdout: `ready` once loaded; then, after the parent's start instant (a line
// on stdin, ms since the epoch), the trials it won as JSON; it releases its locks on the
// parent's `release` line. (Started by a clock alone, a racer that a busy machine started late
// ran its trials after the other had released everything, and both "won" those folders.)
//   tsx test/server/lockRace.ts <folder> <trials> <spacing ms>
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { lockDataFolder } from '../../server/db/dataFolderLock';
import type { DataFolderLock } from '../../server/db/dataFolderLock';

const [folder, trials, spacing] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async () => String((await lines.next()).value ?? '');

process.stdout.write('ready\n');
const startAt = Number(await nextLine());
const held: DataFolderLock[] = [];
const won: boolean[] = [];
for (let trial = 0; trial < Number(trials); trial += 1) {
  const at = startAt + trial * Number(spacing);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const locked = await lockDataFolder(join(folder!, String(trial)), `racer ${process.pid}`);
  won.push(locked.ok);
  if (locked.ok) held.push(locked.lock);
}
process.stdout.write(`${JSON.stringify(won)}\n`);
while ((await nextLine()) !== 'release') { /* the parent's next word */ }
for (const lock of held) await lock.release();
process.exit(0);
