// Summaries of timing samples (milliseconds). Nearest-rank percentiles: the value below
// which at least p% of the samples lie, always one of the samples.

export type Summary = { n: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; meanMs: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: round(mean),
  };
}

/** Two decimals for milliseconds; figures below that are noise on this machine. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function ratio(measured: number, baseline: number): number {
  return baseline > 0 ? round(measured / baseline, 2) : Number.NaN;
}

/** A small seeded generator (mulberry32), so that every run picks the same customers and queries. */
export { mulberry32 as seededRandom } from '../../shared/venue/generateDemoVenue';

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

export function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}
