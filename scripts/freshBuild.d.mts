// Types of scripts/freshBuild.mjs, for the TypeScript that imports it (unit tests).
export declare const buildTargets: Record<string, { what: string; sources: string[]; outputs: string[]; command: string[] }>;
export declare function newestSourceMs(root: string, entries: string[]): number;
export declare function oldestOutputMs(root: string, outputs: string[]): number | null;
export declare function buildDecision(times: { what: string; outputMs: number | null; sourceMs: number }): { build: false } | { build: true; line: string };
export declare function buildWhatIsStale(names: string[], options?: { root?: string; log?: (line: string) => void }): Promise<number>;
