// What every fuzzed boundary shares: fast-check runs a property over generated bad inputs with
// a seed, each run's check throws on a failure (a crash, an unspecific error, a state change),
// and a failure comes back with the seed and fast-check's path, which run exactly that input
// again. Unhandled rejections and uncaught exceptions during a run fail that run, and so does
// anything added to Object.prototype (a prototype-pollution key that got through).
import { inspect } from 'node:util';
import fc from 'fast-check';

export type FuzzOptions = {
  runs: number;
  seed: number;
  /** Replays one failing input (fast-check's path from a failure report). */
  path?: string;
  /** Shrinking a failure to its smallest form (default true; off in the soak, where one run may be slow). */
  shrink?: boolean;
  progress?: (line: string) => void;
};

export type FuzzFailure = { seed: number; path: string; reason: string; input: string };

export type FuzzReport = {
  boundary: string;
  seed: number;
  /** Bad inputs generated and sent (counting shrinking runs after a failure). */
  generated: number;
  /** Of them, refused with a specific error and nothing changed. */
  refused: number;
  /** How many refusals of each error code (an endpoint's code, a desk's code, "dropped" for a pulled document). */
  byError: Record<string, number>;
  ms: number;
  failure: FuzzFailure | null;
};

/** What a check says about one bad input: the specific error it was refused with. */
export type Refused = { error: string };

export async function runFuzz<T>(
  boundary: string,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<Refused>,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const started = performance.now();
  const byError: Record<string, number> = {};
  let generated = 0;
  let refused = 0;
  const stray: string[] = [];
  const onRejection = (reason: unknown) => stray.push(`unhandled rejection: ${describe(reason)}`);
  const onException = (error: unknown) => stray.push(`uncaught exception: ${describe(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const prototypeKeys = Reflect.ownKeys(Object.prototype).length;
  try {
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (input) => {
        generated += 1;
        const verdict = await check(input);
        // A rejection nobody handles is reported after the microtasks of its tick have run.
        await new Promise((resolve) => setImmediate(resolve));
        if (stray.length > 0) throw new Error(stray.splice(0).join('; '));
        if (Reflect.ownKeys(Object.prototype).length !== prototypeKeys) throw new Error('Object.prototype was polluted');
        refused += 1;
        byError[verdict.error] = (byError[verdict.error] ?? 0) + 1;
        if (generated % 250 === 0) options.progress?.(`${boundary}: ${generated} bad inputs, ${refused} refused`);
      }),
      {
        numRuns: options.runs,
        seed: options.seed,
        ...(options.path ? { path: options.path } : {}),
        endOnFailure: options.shrink === false,
      },
    );
    const ms = Math.round(performance.now() - started);
    const failure: FuzzFailure | null = details.failed
      ? {
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        reason: describe(details.errorInstance),
        input: shortly(details.counterexample?.[0]),
      }
      : null;
    return { boundary, seed: options.seed, generated, refused, byError, ms, failure };
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}

/** A check's verdict when the input was not refused the way it must be. */
export class FuzzMismatch extends Error {
  override name = 'FuzzMismatch';
}

export function expectThat(condition: unknown, what: () => string): asserts condition {
  if (!condition) throw new FuzzMismatch(what());
}

/** Two snapshots of a state must be equal; if not, where they part. */
export function expectUnchanged(before: string, after: string, what: string): void {
  if (before === after) return;
  let at = 0;
  while (at < before.length && before[at] === after[at]) at += 1;
  const from = Math.max(0, at - 80);
  throw new FuzzMismatch(`${what} changed: before …${before.slice(from, at + 160)}… after …${after.slice(from, at + 160)}…`);
}

export function describeReport(report: FuzzReport, replay: string): string {
  const counts = `${report.generated} bad inputs, ${report.refused} refused with a specific error, in ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed})`;
  if (!report.failure) return `${report.boundary}: ${counts}: ${JSON.stringify(report.byError)}`;
  return [
    `${report.boundary}: FAILED after ${counts}`,
    `  ${report.failure.reason}`,
    `  input: ${report.failure.input}`,
    `  seed ${report.failure.seed}, path "${report.failure.path}"`,
    `  run it again: ${replay} --only ${report.boundary} --seed ${report.failure.seed} --path "${report.failure.path}"`,
  ].join('\n');
}

/** A value for a report line: never the whole of a huge string or a deeply nested value. */
export function shortly(value: unknown, max = 600): string {
  const text = inspect(value, { depth: 6, maxArrayLength: 20, maxStringLength: 200, breakLength: Infinity });
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : shortly(error);
}
