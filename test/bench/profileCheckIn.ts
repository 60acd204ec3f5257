// `tsx test/bench/profileCheckIn.ts [--small]`: where a check-in's time goes, on the profile
// `npm run bench` loaded. Not part of the bench's JSON: a diagnosis. Interleaved, per round:
//   checkIn        desk.call('checkIn') of a walk-in (validate, memory, rule, one insert, answer)
//   rxdbInsert     db.ledger.insert of a copy of that entry under a new id, from Node
//   bridgeRead     storageInstance.findDocumentsById of one id: the bridge round trip plus a Dexie read
//   bareStrictPut  the entry put into a raw IndexedDB store in the page, strict, timed in the page
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import { openDesk } from '../../main/desk/openDesk';
import type { LedgerDocument } from '../../shared/schema/collections';
import { checkInPayload, pickWalkIns } from './checkInBench';
import { profileDirOf } from './largeVenue';
import { resetBareDatabase, strictPuts } from './pageIdb';
import { progress, seededRandom, summarize } from './percentiles';
import { openStorageHost, startBenchServer } from './storageHost';

const { values } = parseArgs({ options: { small: { type: 'boolean', default: false }, rounds: { type: 'string', default: '200' } }, strict: true });
const rounds = Number(values.rounds);
const server = await startBenchServer();
const host = await openStorageHost(server, profileDirOf(values.small ? 'small' : 'large'));
const db = await openDeskDatabase(host.connection.storage);
const desk = await openDesk({ db, identity: { deskId: 'desk-profile', staff: 'Profile' }, now: () => Date.now() });
const customers = await pickWalkIns(desk, rounds + 10, seededRandom(99));
await resetBareDatabase(host.page);
const times = { checkIn: [] as number[], rxdbInsert: [] as number[], bridgeRead: [] as number[], bareStrictPut: [] as number[] };
for (const [index, walkIn] of customers.entries()) {
  const keep = index >= 10;
  let started = performance.now();
  const answer = await desk.call('checkIn', checkInPayload(walkIn));
  const checkInMs = performance.now() - started;
  if (!answer.ok) continue;
  const entry = desk.context.memory.ledger.get(answer.checkInId)!;
  const copy = { ...entry, id: randomUUID() } as LedgerDocument;
  started = performance.now();
  await db.ledger.insert(copy);
  const insertMs = performance.now() - started;
  started = performance.now();
  await db.ledger.storageInstance.findDocumentsById([entry.id], false);
  const readMs = performance.now() - started;
  const [putMs] = await strictPuts(host.page, [entry]);
  if (!keep) continue;
  times.checkIn.push(checkInMs);
  times.rxdbInsert.push(insertMs);
  times.bridgeRead.push(readMs);
  times.bareStrictPut.push(putMs!);
}
const result = Object.fromEntries(Object.entries(times).map(([name, samples]) => [name, summarize(samples)]));
progress(JSON.stringify(result));
await desk.close();
await host.close();
await server.close();
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
