// `npm run scenarios -- <file-or-folder>...`: runs pass scenarios (../shared/scenarios/FORMAT.md)
// against the desk's real command layer, each desk in its own worker thread.
// Prints `PASS name`, `FAIL name: step N: expected X, got Y` or `SKIP name: reason` per
// scenario, then `N passed, N failed, N skipped`; exits 1 if any failed.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isDeepStrictEqual } from 'node:util';
import type { DeskApiName } from '../../shared/schema/api';
import type { VenueData } from '../../shared/schema/records';
import { instantMs } from '../../shared/rules/venueTime';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import type { Scenario, ScenarioStep } from './scenarioFormat';
import { scenarioSchema } from './scenarioFormat';
import type { FromDeskWorker, ToDeskWorker } from './deskWorker';

type Outcome = { verdict: 'PASS' | 'FAIL' | 'SKIP'; line: string };

class DeskThread {
  private readonly worker = new Worker(new URL('./deskWorker.bootstrap.mjs', import.meta.url));
  private queue: Promise<unknown> = Promise.resolve();
  private lastAt = -Infinity;
  private pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(readonly name: string) {
    this.worker.on('message', (answer: FromDeskWorker) => {
      const pending = this.pending;
      this.pending = null;
      if (answer.type === 'answer') pending?.resolve(answer.value);
      else pending?.reject(new Error(answer.message));
    });
    // A worker that dies fails the step in hand and every later one, never silently.
    const fail = (error: Error) => {
      this.failure ??= error;
      this.pending?.reject(error);
      this.pending = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`desk ${this.name}'s worker stopped (exit code ${code})`)));
  }

  private send(message: ToDeskWorker): Promise<unknown> {
    const run = () => new Promise<unknown>((resolvePromise, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending = { resolve: resolvePromise, reject };
      this.worker.postMessage(message);
    });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  open(data: VenueData): Promise<unknown> {
    return this.send({ type: 'open', deskId: this.name, data });
  }

  /** FORMAT.md: "on one desk it never goes backwards from step to step". */
  call(at: string, name: DeskApiName, payload: unknown): Promise<unknown> {
    const nowMs = instantMs(at);
    if (nowMs < this.lastAt) throw new Error(`desk ${this.name}'s clock goes backwards at ${at}`);
    this.lastAt = nowMs;
    return this.send({ type: 'call', nowMs, name, payload });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.send({ type: 'close' }).catch(() => undefined);
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}

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
async function runStep(step: ScenarioStep, desk: DeskThread, checkIns: Map<string, string>): Promise<Record<string, unknown>> {
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
    case 'sync':
      throw new Error('sync steps need the sync endpoint');
  }
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
  if (scenario.steps.some((step) => step.do === 'sync')) return { verdict: 'SKIP', line: `SKIP ${name}: needs sync` };

  const desks = new Map<string, DeskThread>();
  const checkIns = new Map<string, string>();
  try {
    for (const step of scenario.steps) {
      if (!desks.has(step.desk)) {
        const desk = new DeskThread(step.desk);
        desks.set(step.desk, desk);
        await desk.open(venue.data);
      }
    }
    for (const [index, step] of scenario.steps.entries()) {
      const desk = desks.get(step.desk)!;
      let actual: Record<string, unknown>;
      try {
        actual = await runStep(step, desk, checkIns);
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
  const counts = { PASS: 0, FAIL: 0, SKIP: 0 };
  for (const path of missing) {
    console.log(`FAIL ${path}: no such file or folder`);
    counts.FAIL += 1;
  }
  for (const file of files) {
    const outcome = await runScenario(file);
    console.log(outcome.line);
    counts[outcome.verdict] += 1;
  }
  console.log(`${counts.PASS} passed, ${counts.FAIL} failed, ${counts.SKIP} skipped`);
  return counts.FAIL > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
