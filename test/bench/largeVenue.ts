// The benchmark's venue: made by the demo venue generator and put into Chromium's IndexedDB
// through the desk's own storage path (loadVenueData into an empty desk: bundles, written
// over the storage bridge into Dexie in the storage host page). A loaded profile is kept under
// bench-results/ with a manifest beside it and reused while its counts match.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { LedgerEntry } from '../../shared/schema/records';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import type { DeskDatabase } from '../../main/db/deskDatabase';
import { readVenue } from '../../main/db/deskDatabase';
import { readBundlesState } from '../../main/db/bundles';
import type { VenueCounts } from '../../main/venue/loadVenue';
import { loadVenueData } from '../../main/venue/loadVenue';
import { progress, round } from './percentiles';

export type VenueSize = 'small' | 'large';

/** About 2 passes and 10 ledger entries a customer (the generator's tuning). */
export const CUSTOMERS: Record<VenueSize, number> = { small: 2_000, large: 100_000 };
export const SEED = 1;
export const TIME_ZONE = 'Europe/London';

export const resultsDir = fileURLToPath(new URL('../../bench-results/', import.meta.url));
export const profileDirOf = (size: VenueSize) => path.join(resultsDir, `profile-${size}`);
const manifestPathOf = (size: VenueSize) => path.join(resultsDir, `profile-${size}.json`);

export type LoadFigures = {
  generateMs: number;
  loadMs: number;
  docs: number;
  docsPerSec: number;
};

export type VenueManifest = {
  size: VenueSize;
  customers: number;
  seed: number;
  today: string;
  timeZone: string;
  counts: VenueCounts;
  loadedAt: string;
  load: LoadFigures;
};

export async function readManifest(size: VenueSize): Promise<VenueManifest | null> {
  try {
    return JSON.parse(await readFile(manifestPathOf(size), 'utf8')) as VenueManifest;
  } catch {
    return null;
  }
}

/** Forgets a profile: its IndexedDB data and its manifest. */
export async function removeProfile(size: VenueSize): Promise<void> {
  await rm(manifestPathOf(size), { force: true });
  await rm(profileDirOf(size), { recursive: true, force: true });
}

export function profileExists(size: VenueSize): boolean {
  return existsSync(profileDirOf(size));
}

/** The records a desk holds: those written one each, and those in bundles (main/db/bundles.ts). */
export async function countDocuments(db: DeskDatabase): Promise<VenueCounts> {
  const bundled = (await readBundlesState(db))?.counts ?? {};
  return {
    customers: await db.customers.count().exec() + (bundled.customers ?? 0),
    products: await db.products.count().exec() + (bundled.products ?? 0),
    passes: await db.passes.count().exec() + (bundled.passes ?? 0),
    sessions: await db.sessions.count().exec() + (bundled.sessions ?? 0),
    bookings: await db.bookings.count().exec() + (bundled.bookings ?? 0),
    ledger: await db.ledger.count().exec() + (bundled.history ?? 0),
  };
}

/**
 * Whether the database holds the manifest's venue: the platform collections exactly, and at
 * least the generated ledger (each run's check-ins are appended to it).
 */
export async function matchesManifest(db: DeskDatabase, manifest: VenueManifest | null, size: VenueSize): Promise<{ ok: boolean; counts: VenueCounts }> {
  const counts = await countDocuments(db);
  if (!manifest || manifest.size !== size || manifest.customers !== CUSTOMERS[size] || manifest.seed !== SEED) return { ok: false, counts };
  const venue = await readVenue(db);
  const platformSame = (['customers', 'products', 'passes', 'sessions', 'bookings'] as const).every((name) => counts[name] === manifest.counts[name]);
  return { ok: venue !== null && platformSame && counts.ledger >= manifest.counts.ledger, counts };
}

export async function loadVenue(db: DeskDatabase, size: VenueSize, nowMs: number): Promise<VenueManifest> {
  const today = DateTime.fromMillis(nowMs, { zone: TIME_ZONE }).toISODate()!;
  const customers = CUSTOMERS[size];
  progress(`generating a venue of ${customers} customers (seed ${SEED}, today ${today})`);
  let started = performance.now();
  const plan = planDemoVenue({ customers, seed: SEED, today, timeZone: TIME_ZONE });
  const resolved = resolveVenueFile({
    venue: plan.venue, products: plan.products, customers: plan.customers, passes: plan.passes,
    sessions: plan.sessions, bookings: plan.bookings, ledger: [],
  });
  if (!resolved.ok) throw new Error(`the demo venue generator made a bad venue: ${JSON.stringify(resolved.errors.slice(0, 3))}`);
  const ledger: LedgerEntry[] = [...plan.ledgerEntries()];
  const generateMs = performance.now() - started;
  const platform = resolved.data;
  const platformDocs = platform.products.length + platform.customers.length + platform.passes.length + platform.sessions.length + platform.bookings.length;
  progress(`loading ${platformDocs} platform records and ${ledger.length} ledger entries into an empty desk (as bundles)`);

  // The desk's own path for a venue file into an empty desk: main/venue/venueBundles.ts.
  started = performance.now();
  const loaded = await loadVenueData(db, { ...platform, ledger }, nowMs);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.note));
  const loadMs = performance.now() - started;
  const ledgerDocs = ledger.length;
  progress(`loaded in ${round(loadMs / 1000, 1)} s (${Math.round((platformDocs + ledgerDocs) / (loadMs / 1000))} records/s)`);

  const docs = platformDocs + ledgerDocs;
  const manifest: VenueManifest = {
    size,
    customers,
    seed: SEED,
    today,
    timeZone: TIME_ZONE,
    counts: { ...loaded.counts, ledger: ledgerDocs },
    loadedAt: new Date(nowMs).toISOString(),
    load: {
      generateMs: Math.round(generateMs),
      loadMs: Math.round(loadMs),
      docs,
      docsPerSec: Math.round(docs / (loadMs / 1000)),
    },
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(manifestPathOf(size), JSON.stringify(manifest, null, 2));
  return manifest;
}
