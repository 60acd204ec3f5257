// "One typed contract per boundary": main parses every call with the shared schema before
// anything runs, whatever transport carried it (main/desk/deskCall.ts, the one parse). A
// refusal is a value naming the fields at fault.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeskCall } from '../../main/desk/deskCall';
import { runDesk } from '../../main/runDesk';
import type { ApiBridge, RunningDesk, StorageBridge } from '../../main/deskHost';

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('a call that is not in the API map is refused', () => {
  it.each([
    { rule: 'an unknown name', name: 'dropTables' },
    { rule: 'a name inherited from Object, not a call', name: 'toString' },
    { rule: 'the prototype key', name: '__proto__' },
    { rule: 'a name that is not a string', name: 42 },
    { rule: 'no name at all', name: undefined },
    // Found by the fuzz (test/fuzz/apiFuzz.ts): String(name) threw out of the gate, and the
    // WebSocket bridge answered nothing (an unhandled rejection).
    { rule: 'an object whose toString is no function ({"toString": 5} over the socket)', name: { toString: 5 } },
    { rule: 'a list nested deeper than the stack', name: deeplyNested(20_000) },
  ])('$rule', ({ name }) => {
    const result = parseDeskCall(name, {});
    expect(result).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(result.ok ? [] : result.issues).toEqual([expect.stringMatching(/^name: no such call/)]);
  });
});

describe('a known call with a payload that does not match its schema is refused', () => {
  it.each([
    { rule: 'a payload that is not an object', name: 'search', payload: 'smith', field: 'payload' },
    { rule: 'a missing payload', name: 'deskStatus', payload: undefined, field: 'payload' },
    { rule: 'an extra field (schemas are strict)', name: 'revokePass', payload: { passId: 'p1', force: true }, field: 'payload' },
    { rule: 'a field of the wrong type', name: 'overrideUses', payload: { passId: 'p1', total: '12' }, field: 'total' },
    { rule: 'a required field missing', name: 'checkIn', payload: { sessionId: null }, field: 'customerId' },
    { rule: 'a cross-field rule broken (both expiry forms)', name: 'overrideExpiry', payload: { passId: 'p1', fixedDate: '2025-01-31', relativeDays: 3 }, field: 'payload' },
    // Found by the fuzz: zod takes a Map or a Date for an object, and IPC's structured clone carries them.
    { rule: 'a Map for an object', name: 'unpairEndpoint', payload: new Map(), field: 'payload' },
    { rule: 'a Date for an object', name: 'revokePass', payload: new Date(0), field: 'payload' },
    // A reason goes into a synced ledger entry: the endpoint cannot store a NUL or half a surrogate pair.
    { rule: 'a reason with a NUL character', name: 'undoCheckIn', payload: { checkInId: 'e1', reason: 'typo\u0000' }, field: 'reason' },
    { rule: 'a staff name with half a surrogate pair', name: 'setStaff', payload: { staff: 'Ana \ud83d' }, field: 'staff' },
  ])('$rule', ({ name, payload, field }) => {
    const result = parseDeskCall(name, payload);
    expect(result).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(result.ok ? [] : result.issues).toContainEqual(expect.stringMatching(new RegExp(`^${field}: `)));
  });
});

describe('a valid call passes with its name and the parsed payload', () => {
  it.each([
    { rule: 'a check-in', name: 'checkIn', payload: { customerId: 'c1', sessionId: 's1' }, parsed: { customerId: 'c1', sessionId: 's1' } },
    { rule: 'a call without arguments', name: 'deskStatus', payload: {}, parsed: {} },
    { rule: 'the staff name comes back trimmed, as the schema says', name: 'setStaff', payload: { staff: '  Ana ' }, parsed: { staff: 'Ana' } },
  ])('$rule', ({ name, payload, parsed }) => {
    expect(parseDeskCall(name, payload)).toEqual({ ok: true, name, payload: parsed });
  });
});

// The bridges hand calls on unparsed; main/runDesk.ts parses before it waits for a desk, so a
// bad call is refused at once, and the status answered, while no storage host is connected.
describe('runDesk parses a call before it waits for the storage host', () => {
  let workDir = '';
  let running: RunningDesk | null = null;
  let handler: ((name: unknown, payload: unknown) => Promise<unknown>) | null = null;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-call-'));
    const neverConnects: StorageBridge = { onConnection: () => {} };
    const api: ApiBridge = { handle: (installed) => { handler = installed; }, emit: () => {} };
    running = await runDesk(neverConnects, api, { dataDir: workDir, log: () => {} });
  });

  afterAll(async () => {
    await running?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const answerWithin = (ms: number, answer: Promise<unknown>) => Promise.race([
    answer,
    new Promise((resolve) => setTimeout(() => resolve('no answer yet'), ms)),
  ]);

  it.each([
    { rule: 'a name that is no call', name: 'dropDatabase', payload: {} },
    { rule: 'the status with a payload that is no object', name: 'deskStatus', payload: 'all' },
    { rule: 'a check-in missing its customer', name: 'checkIn', payload: { sessionId: null } },
  ])('$rule is refused at once', async ({ name, payload }) => {
    expect(await answerWithin(1_000, handler!(name, payload))).toMatchObject({ ok: false, error: 'invalid-input' });
  });

  it('the status is answered at once: the storage is reconnecting', async () => {
    expect(await answerWithin(1_000, handler!('deskStatus', {}))).toMatchObject({ ok: true, status: { storage: 'reconnecting' } });
  });
});
