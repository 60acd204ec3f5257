// What every command of `npm run server` shares: where the data is (PGlite in a data folder,
// or PostgreSQL when DATABASE_URL is set), and how a mistake in the command line is reported.
import { resolve } from 'node:path';
import type { DatabaseLocation } from '../db/openDatabase';

export const DEFAULT_DATA_DIR = 'server-data';
export const DEFAULT_PORT = 4700;

export class UsageError extends Error {}

export function databaseLocation(dataDir: string | undefined): DatabaseLocation {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: resolve(dataDir ?? DEFAULT_DATA_DIR) };
}

export function describeLocation(location: DatabaseLocation): string {
  switch (location.kind) {
    case 'postgres': return `PostgreSQL at ${redactedUrl(location.url)}`;
    case 'pglite': return `PGlite in ${location.dataDir}`;
    case 'pglite-memory': return 'PGlite in memory';
  }
}

/** The URL without its password, for printing. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

export function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

export function wholeNumber(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${text}"`);
  return Number(text);
}

/** `--listen host:port` (an IPv6 address in brackets: `[::1]:4701`). */
export function listenAddressOf(text: string | undefined, fallbackHost: string): { host: string; port: number } {
  if (text === undefined) return { host: fallbackHost, port: DEFAULT_PORT };
  const found = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (!found) throw new UsageError(`--listen must be host:port, e.g. 192.168.1.20:4700, not "${text}"`);
  return { host: found[1] ?? found[2]!, port: portOf(found[3]) };
}
