// A first sync served as the desk stores it (docs/sync-server.md, "Ready snapshots"): every
// part of a snapshot (the door's parts and the history) read once from the database at the
// snapshot's seqs, cut with the desk's own cutter (shared/sync/bundleCutter.ts) and kept ready,
// each bundle with the digest a desk checks it by.
//
// A snapshot survives later changes: a snapshot at older seqs is as right as a new one, since
// the desk pulls on from its seqs and so receives what changed since (a record changed later
// arrives again in its newer version; a summary holds each entry once). So a venue's next
// snapshot is the one held, and its bundles are served again, while it is of the same
// `recentSince` (venue day) and at most REUSE_CHANGES_AT_MOST changes behind the venue; then a
// new one is opened and made. Kept in this process's memory, above the database (PGlite and
// PostgreSQL alike): an endpoint restarted makes them again, at the seqs the desks ask for.
import { createHash } from 'node:crypto';
import type { Database } from '../db/database';
import type { Venue } from '../../shared/schema/records';
import type { SnapshotPart } from '../../shared/schema/sync';
import { snapshotParts } from '../../shared/schema/sync';
import type { ServedBundle, SnapshotStart } from '../../shared/schema/syncContract';
import { BUNDLE_DIGEST } from '../../shared/schema/syncContract';
import { BundleCutter } from '../../shared/sync/bundleCutter';
import type { BundleDocument } from '../../shared/schema/collections';
import type { PageRow } from '../db/snapshotPages';
import { committedSeq, historyAfter, platformRecordsAfter, recentAfter, summariesAfter } from '../db/snapshotPages';
import { openSnapshot, recentSinceAt } from './snapshot';

/** Rows read from the database at a time while the bundles are made. */
const READ_ROWS = 10_000;

/**
 * How far the venue may have moved on (in changes, each one seq) before a snapshot held is no
 * longer handed out: each desk taking it pulls those changes afterwards.
 */
export const REUSE_CHANGES_AT_MOST = 20_000;

export const bundleDigestOf = (records: string): string => createHash(BUNDLE_DIGEST).update(records, 'utf8').digest('hex');

/** Which bundles: a part at a seq (and `since`, for recent). */
export type BundlesKey = { part: SnapshotPart; seq: number; since?: string };
const keyText = ({ part, seq, since }: BundlesKey) => `${part}@${seq}@${since ?? ''}`;

/** How many parts' bundles at other seqs than its snapshot's a venue keeps. */
const OTHERS_AT_MOST = snapshotParts.length;

/** The bundles of each part of a snapshot, in the order a desk asks for them. */
function startKeys(start: SnapshotStart): BundlesKey[] {
  return snapshotParts.map((part) => ({
    part,
    seq: part === 'summaries' || part === 'recent' || part === 'history' ? start.seqs.ledger : start.seqs[part],
    ...(part === 'recent' ? { since: start.recentSince } : {}),
  }));
}

type Held = {
  /** The snapshot handed out, or null where only bundles were asked for (an endpoint restarted under a desk). */
  start: SnapshotStart | null;
  bundles: Map<string, Promise<ServedBundle[]>>;
};

export class ReadySnapshots {
  /** Per venue; the venue asked for longest ago goes first. */
  private readonly held = new Map<string, Held>();

  /** `venuesAtMost`: a large venue's snapshot is about 600 MB of text, so few are kept. */
  constructor(
    private readonly db: Database,
    private readonly venuesAtMost = 2,
    private readonly reuseChangesAtMost = REUSE_CHANGES_AT_MOST,
  ) {}

  /** A snapshot of the venue: the one held if still near enough, else a new one, whose bundles are made from now on, door first. */
  async open(venue: Venue, nowMs: number): Promise<SnapshotStart> {
    const held = this.touch(venue.id);
    if (held?.start && held.start.recentSince === recentSinceAt(nowMs, venue.timeZone)) {
      const behind = (await committedSeq(this.db, venue.id) ?? 0) - Math.max(...Object.values(held.start.seqs));
      if (behind <= this.reuseChangesAtMost) return { ...held.start, venue };
    }
    const start = await openSnapshot(this.db, venue, nowMs);
    const made: Held = { start, bundles: new Map() };
    this.held.set(venue.id, made);
    this.evict();
    void this.makeAll(venue.id, made, start);
    return start;
  }

  /** A part's bundles: the ones made already, or made now (once, whoever asks meanwhile). */
  bundles(venueId: string, key: BundlesKey): Promise<ServedBundle[]> {
    let held = this.touch(venueId);
    if (!held) {
      held = { start: null, bundles: new Map() };
      this.held.set(venueId, held);
      this.evict();
    }
    return this.bundlesOf(venueId, held, key);
  }

  /** Whether a venue's snapshot is held (for tests and the log). */
  holds(venueId: string): boolean {
    return this.held.has(venueId);
  }

  private bundlesOf(venueId: string, held: Held, key: BundlesKey): Promise<ServedBundle[]> {
    const text = keyText(key);
    const ready = held.bundles.get(text);
    if (ready) return ready;
    const bundles = makeBundles(this.db, venueId, key);
    held.bundles.set(text, bundles);
    // Bundles asked for at other seqs than the snapshot's (an endpoint restarted under desks): a few kept, the oldest going first.
    const own = new Set(held.start ? startKeys(held.start).map(keyText) : []);
    for (const other of held.bundles.keys()) {
      if (held.bundles.size <= own.size + OTHERS_AT_MOST) break;
      if (!own.has(other) && other !== text) held.bundles.delete(other);
    }
    // A failed making (the database away) is not kept: the next request makes them again.
    bundles.catch(() => {
      if (held.bundles.get(text) === bundles) held.bundles.delete(text);
    });
    return bundles;
  }

  /** Every part of a new snapshot, one after another in the order a desk asks for them. */
  private async makeAll(venueId: string, held: Held, start: SnapshotStart): Promise<void> {
    for (const key of startKeys(start)) {
      if (this.held.get(venueId) !== held) return;
      await this.bundlesOf(venueId, held, key).catch(() => undefined);
    }
  }

  private touch(venueId: string): Held | undefined {
    const held = this.held.get(venueId);
    if (held) {
      this.held.delete(venueId);
      this.held.set(venueId, held);
    }
    return held;
  }

  private evict(): void {
    for (const venue of this.held.keys()) {
      if (this.held.size <= this.venuesAtMost) break;
      this.held.delete(venue);
    }
  }
}

/** A part read whole from the database, in its pages' order, and cut as a desk cuts it. */
async function makeBundles(db: Database, venueId: string, { part, seq, since }: BundlesKey): Promise<ServedBundle[]> {
  const cutter = new BundleCutter<never>(part, () => '', 0);
  const bundles: ServedBundle[] = [];
  const keep = (bundle: BundleDocument | null) => {
    if (bundle) bundles.push({ firstKey: bundle.firstKey, lastKey: bundle.lastKey, count: bundle.count, records: bundle.records, digest: bundleDigestOf(bundle.records) });
  };
  if (part === 'history') {
    let from = { passId: '', id: '' };
    for (;;) {
      const rows = await historyAfter(db, venueId, seq, from.passId, from.id, READ_ROWS);
      // One pass's entries in one bundle: the pass is the group and the key.
      for (const row of rows) keep(cutter.addText(row.json, row.id, row.passId));
      if (rows.length < READ_ROWS) break;
      const last = rows[rows.length - 1]!;
      from = { passId: last.passId, id: last.id };
    }
  } else {
    const read = (after: string): Promise<PageRow[]> => {
      switch (part) {
        case 'summaries': return summariesAfter(db, venueId, after, READ_ROWS);
        case 'recent': return recentAfter(db, venueId, since ?? '', seq, after, READ_ROWS);
        default: return platformRecordsAfter(db, venueId, part, seq, after, READ_ROWS);
      }
    };
    let after = '';
    for (;;) {
      const rows = await read(after);
      for (const row of rows) keep(cutter.addText(row.json, row.key, null));
      if (rows.length < READ_ROWS) break;
      after = rows[rows.length - 1]!.key;
    }
  }
  keep(cutter.flush());
  return bundles;
}

/** About this much bundles' text a page, so that each request ends well within a desk's timeout. */
const PAGE_BYTES = 4 * 1024 * 1024;

/** The page of bundles from position `after` on, as the contract's JSON text. */
export function bundlesPageJson(bundles: readonly ServedBundle[], after: number): string {
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
