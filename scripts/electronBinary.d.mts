// Types of scripts/electronBinary.mjs, for the TypeScript that imports it (unit tests).
export declare const NOT_INSTALLED: string;

export declare function findElectronBinary(options?: {
  env?: Record<string, string | undefined>;
  electronDir?: string | null;
}): { binary: string; reason: null } | { binary: null; reason: string };

export declare function displayFor(options?: {
  platform?: string;
  env?: Record<string, string | undefined>;
  virtual?: boolean;
}): { ok: true; prefix: string[] } | { ok: false; reason: string };
