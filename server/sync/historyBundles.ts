// The snapshot's history served as the desk stores it (docs/sync-server.md, "The history as
// bundles"): read once from the ledger at a seq, cut with the desk's own cutter
// (shared/sync/bundleCutter.ts) and kept ready, each bundle with the digest a desk checks it by.
// A ledger entry never changes and the history at a seq holds only entries committed at or
// below it, so bundles made at a seq stay right for every desk that reads a snapshot at that
// seq; a snapshot opened at a later seq gets bundles of its own (made again, not extended).
// Kept in this process's memory, above the database, so PGlite and PostgreSQL alike; each
// replica of an endpoint on one PostgreSQL makes its own.
import { createHash } from 'node:crypto';
import type { Database } from '../db/database';
import type { ServedBundle } from '../../shared/schema/syncContract';
import { HISTORY_BUNDLE_DIGEST } from '../../shared/schema/syncContract';
import { BundleCutter } from '../../shared/sync/bundleCutter';
import type { BundleDocument } from '../../shared/schema/collections';
import { historyAfter } from '../db/snapshotPages';

/** Entries read from the ledger at a time while the bundles are made. */
const READ_ROWS = 10_000;

export const bundleDigestOf = (records: string): string => createHash(HISTORY_BUNDLE_DIGEST).update(records, 'utf8').digest('hex');

type Made = { seq: number; bundles: Promise<ServedBundle[]> };

export class HistoryBundles {
  /** Per venue, the bundles of the latest seq asked for; the venue asked for longest ago goes first. */
  private readonly made = new Map<string, Made>();

  /** `venuesAtMost`: a large venue's history is about 450 MB of text, so few are kept. */
  constructor(private readonly db: Database, private readonly venuesAtMost = 2) {}

  /** The venue's history at `seq` as bundles: the ones made already, or made now (once, whoever asks meanwhile). */
  at(venueId: string, seq: number): Promise<ServedBundle[]> {
    const held = this.made.get(venueId);
    this.made.delete(venueId);
    if (held && held.seq === seq) {
      this.made.set(venueId, held);
      return held.bundles;
    }
    const bundles = makeBundles(this.db, venueId, seq);
    const made = { seq, bundles };
    this.made.set(venueId, made);
    // A failed making (the database away) is not kept: the next request makes them again.
    bundles.catch(() => {
      if (this.made.get(venueId) === made) this.made.delete(venueId);
    });
    for (const venue of this.made.keys()) {
      if (this.made.size <= this.venuesAtMost) break;
      this.made.delete(venue);
    }
    return bundles;
  }
}

async function makeBundles(db: Database, venueId: string, seq: number): Promise<ServedBundle[]> {
  const cutter = new BundleCutter<never>('history', () => '', 0);
  const bundles: ServedBundle[] = [];
  const keep = (bundle: BundleDocument | null) => {
    if (bundle) bundles.push({ firstKey: bundle.firstKey, lastKey: bundle.lastKey, count: bundle.count, records: bundle.records, digest: bundleDigestOf(bundle.records) });
  };
  let from = { passId: '', id: '' };
  for (;;) {
    const rows = await historyAfter(db, venueId, seq, from.passId, from.id, READ_ROWS);
    for (const row of rows) keep(cutter.addText(row.json, row.id, row.passId));
    if (rows.length < READ_ROWS) break;
    const last = rows[rows.length - 1]!;
    from = { passId: last.passId, id: last.id };
  }
  keep(cutter.flush());
  return bundles;
}

/** About this much bundles' text a page, so that each request ends well within a desk's timeout. */
const PAGE_BYTES = 4 * 1024 * 1024;

/** The page of bundles from position `after` on, as the contract's JSON text. */
export function historyBundlesPageJson(bundles: readonly ServedBundle[], after: number): string {
  const page: string[] = [];
  let bytes = 0;
  let position = after;
  while (position < bundles.length && (page.length === 0 || bytes < PAGE_BYTES)) {
    const bundle = bundles[position]!;
    page.push(JSON.stringify(bundle));
    bytes += bundle.records.length;
    position += 1;
  }
  const next = position < bundles.length ? String(position) : null;
  return `{"bundles":[${page.join(',')}],"next":${JSON.stringify(next)}}`;
}
