// Types of scripts/startPlan.mjs, for the TypeScript that imports it (unit tests).
export type StartPlan = { next: 'electron'; binary: string } | { next: 'download' } | { next: 'browser'; line: string };

export declare function planStart(found: {
  electron: { binary: string | null; reason: string | null };
  display: { ok: boolean; reason?: string };
  env: Record<string, string | undefined>;
  download: null | { ok: true } | { ok: false; reason: string };
}): StartPlan;

export declare function skipsDownload(env: Record<string, string | undefined>): boolean;
