// `npm run scenarios -- <file-or-folder>...`: runs pass scenarios (../shared/scenarios/FORMAT.md)
// against the desk's real command layer, each desk in its own worker thread, and `sync` steps
// through the real sync endpoint (server/, in this process on PGlite in memory, one per
// scenario with a sync step, so that venues of different scenarios never meet).
// Prints `PASS name` or `FAIL name: step N: expected X, got Y` per scenario, then
// `N passed, N failed`; exits 1 if any failed.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DeskApiName } from '../../shared/schema/api';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { Scenario, ScenarioStep } from './scenarioFormat';
import { scenarioSchema } from './scenarioFormat';
import { DeskThread } from './deskThread';
import type { RunningEndpoint } from './scenarioEndpoint';
import { messageOf, setUpVenue, startEndpoint } from './scenarioEndpoint';

type Outcome = { verdict: 'PASS' | 'FAIL'; line: string };

/** A sync step settles in a few rounds (push, then pull what others pushed); more means a bug. */
const MAX_SYNC_ROUNDS = 10;

class StepFailure extends Error {}

const show = (value: unknown) => JSON.stringify(value);

function compare(stepNumber: number, expected: Record<string, unknown> | undefined, actual: Record<string, unknown>): void {
  if (!expected) return;
  for (const [field, want] of Object.entries(expected)) {
    const got = actual[field];
    if (!isDeepStrictEqual(want, got)) {
      throw new StepFailure(`step ${stepNumber}: expected ${field} ${show(want)}, got ${show(got)} (${show(actual)})`);
    }
  }
}

function pick(object: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in object).map((field) => [field, object[field]]));
}

/** Runs one step on its desk and returns what came out, in FORMAT.md's shape. */
type Sync = { desks: Map<string, DeskThread>; endpoints: Map<string, EndpointSettings> | null; namesSoFar: string[] };

async function runStep(step: Exclude<ScenarioStep, { do: 'sync' }>, desk: DeskThread, checkIns: Map<string, string>): Promise<Record<string, unknown>> {
  const call = async (name: DeskApiName, payload: unknown) => (await desk.call(step.at, name, payload)) as Record<string, unknown>;
  const withReason = (reason: unknown) => (reason === undefined ? {} : { reason });
  switch (step.do) {
    case 'checkIn': {
      const result = await call('checkIn', { customerId: step.customerId, sessionId: step.sessionId, ...(step.confirmDuplicate === undefined ? {} : { confirmDuplicate: step.confirmDuplicate }) });
      if (step.id && result.ok === true) checkIns.set(step.id, String(result.checkInId));
      return pick(result, ['ok', 'charged', 'passId', 'remaining', 'expiresOn', 'bookingId', 'error', 'passes']);
    }
    case 'undoCheckIn': {
      const checkInId = checkIns.get(step.checkIn) ?? step.checkIn;
      return pick(await call('undoCheckIn', { checkInId }), ['ok', 'error']);
    }
    case 'overrideExpiry': {
      const payload: Record<string, unknown> = { passId: step.passId, ...withReason(step.reason) };
      if ('fixedDate' in step) payload.fixedDate = step.fixedDate;
      if ('relativeDays' in step) payload.relativeDays = step.relativeDays;
      return pick(await call('overrideExpiry', payload), ['ok', 'expiresOn', 'error']);
    }
    case 'overrideUses':
      return pick(await call('overrideUses', { passId: step.passId, total: step.total, ...withReason(step.reason) }), ['ok', 'total', 'used', 'remaining', 'error']);
    case 'revoke':
      return pick(await call('revokePass', { passId: step.passId, ...withReason(step.reason) }), ['ok', 'error']);
    case 'pass': {
      const result = await call('passState', { passId: step.passId });
      if (result.ok !== true) return pick(result, ['ok', 'error']);
      const { state } = result.view as { state: Record<string, unknown> };
      return pick(state, ['status', 'total', 'used', 'remaining', 'expiresOn', 'firstUseOn', 'overdrawnBy']);
    }
    case 'overview': {
      const result = await call('customerOverview', { customerId: step.customerId });
      if (result.ok !== true) return pick(result, ['ok', 'error']);
      const { passes } = result.overview as { passes: { pass: { id: string } }[] };
      return { passIds: passes.map((view) => view.pass.id) };
    }
    case 'search': {
      const result = await call('search', { query: step.query, limit: step.limit ?? 10 });
      if (result.ok !== true) return pick(result, ['ok', 'error']);
      return { customerIds: (result.hits as { customer: { id: string } }[]).map((hit) => hit.customer.id) };
    }
    case 'history': {
      const result = await call('passHistory', { passId: step.passId });
      if (result.ok !== true) return pick(result, ['ok', 'error']);
      return { kinds: (result.items as { kind: string }[]).map((item) => item.kind) };
    }
  }
}

/**
 * FORMAT.md: "each named desk pushes and pulls until all of them and the server agree": rounds
 * over the named desks, in order, until a whole round moves nothing.
 */
async function syncUntilQuiet(names: readonly string[], sync: Sync): Promise<Record<string, unknown>> {
  if (!sync.endpoints) throw new Error('no sync endpoint');
  let problem: string | null = null;
  for (let round = 1; round <= MAX_SYNC_ROUNDS; round += 1) {
    let moved = 0;
    problem = null;
    for (const name of names) {
      const desk = sync.desks.get(name);
      const endpoint = sync.endpoints.get(name);
      if (!desk || !endpoint) throw new Error(`no desk "${name}"`);
      const result = await desk.sync(endpoint);
      moved += result.moved;
      // A failed round (a slow answer, say) is tried again, as a desk would.
      if (!result.ok) problem = `desk ${name} could not sync: ${result.problem}`;
    }
    if (moved === 0 && problem === null) return { ok: true };
  }
  throw new Error(`desks ${names.join(', ')} still differ after ${MAX_SYNC_ROUNDS} sync rounds${problem ? ` (${problem})` : ''}`);
}

/** Every desk a step names (acting, or in a sync step's list), in order of first mention. */
function deskNamesOf(scenario: Scenario): string[] {
  const names: string[] = [];
  for (const step of scenario.steps) {
    for (const name of step.do === 'sync' ? step.desks ?? [] : [step.desk]) if (!names.includes(name)) names.push(name);
  }
  return names;
}

async function runScenario(file: string): Promise<Outcome> {
  let raw: unknown;
  const fallbackName = basename(file);
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { verdict: 'FAIL', line: `FAIL ${fallbackName}: cannot read the file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = scenarioSchema.safeParse(raw);
  const name = typeof (raw as { name?: unknown })?.name === 'string' ? String((raw as { name: string }).name) : fallbackName;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { verdict: 'FAIL', line: `FAIL ${name}: not a scenario (${fallbackName}): ${issue.path.join('.') || 'file'}: ${issue.message}` };
  }
  const scenario: Scenario = parsed.data;
  const venue = resolveVenueFile(raw);
  if (!venue.ok) {
    const error = venue.errors[0]!;
    return { verdict: 'FAIL', line: `FAIL ${name}: bad venue data (${fallbackName}): ${error.path.join('.')}: ${error.message}` };
  }

  const desks = new Map<string, DeskThread>();
  const checkIns = new Map<string, string>();
  let endpoint: RunningEndpoint | null = null;
  try {
    const names = deskNamesOf(scenario);
    let endpoints: Map<string, EndpointSettings> | null = null;
    if (scenario.steps.some((step) => step.do === 'sync')) {
      const started = await startEndpoint();
      if (!started.ok) return { verdict: 'FAIL', line: `FAIL ${name}: ${started.message}` };
      endpoint = started.endpoint;
      try {
        endpoints = await setUpVenue(endpoint, venue.data, names);
      } catch (error) {
        return { verdict: 'FAIL', line: `FAIL ${name}: the sync server refused the scenario's venue: ${messageOf(error)}` };
      }
    }
    for (const deskName of names) {
      const desk = new DeskThread(deskName);
      desks.set(deskName, desk);
      await desk.open(venue.data);
    }
    const sync: Sync = { desks, endpoints, namesSoFar: [] };
    for (const [index, step] of scenario.steps.entries()) {
      // FORMAT.md: a sync step's desks default to "every desk so far".
      for (const name of step.do === 'sync' ? step.desks ?? [] : [step.desk]) if (!sync.namesSoFar.includes(name)) sync.namesSoFar.push(name);
      let actual: Record<string, unknown>;
      try {
        actual = step.do === 'sync'
          ? await syncUntilQuiet(step.desks ?? sync.namesSoFar, sync)
          : await runStep(step, desks.get(step.desk)!, checkIns);
      } catch (error) {
        throw new StepFailure(`step ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
      compare(index + 1, step.expect, actual);
    }
    return { verdict: 'PASS', line: `PASS ${name}` };
  } catch (error) {
    return { verdict: 'FAIL', line: `FAIL ${name}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await Promise.all([...desks.values()].map((desk) => desk.close()));
    await endpoint?.close().catch(() => undefined);
  }
}

async function scenarioFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const full = resolve(path);
    const info = await stat(full).catch(() => null);
    if (!info) missing.push(path);
    else if (info.isDirectory()) {
      const names = (await readdir(full)).filter((entry) => entry.endsWith('.json')).sort();
      files.push(...names.map((entry) => join(full, entry)));
    } else files.push(full);
  }
  return { files, missing };
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2).filter((arg) => arg !== '--');
  if (paths.length === 0) {
    console.error('usage: npm run scenarios -- <file-or-folder>...');
    return 2;
  }
  const { files, missing } = await scenarioFiles(paths);
  const counts = { PASS: 0, FAIL: 0 };
  for (const path of missing) {
    console.log(`FAIL ${path}: no such file or folder`);
    counts.FAIL += 1;
  }
  for (const file of files) {
    const outcome = await runScenario(file);
    console.log(outcome.line);
    counts[outcome.verdict] += 1;
  }
  console.log(`${counts.PASS} passed, ${counts.FAIL} failed`);
  return counts.FAIL > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
