// Cutting records into bundles (shared/schema/collections.ts says why bundles): pure, with
// no storage, so that a worker thread can cut a snapshot's history off main's loop
// (main/sync/snapshotThread.worker.ts) without loading the database's code, and so that the
// endpoint cuts the history it serves ready (server/sync/historyBundles.ts) exactly as a desk
// would: one pass's entries in one bundle, about BUNDLE_BYTES a bundle.
import type { BundleDocument, BundleKind } from '../schema/collections';

/**
 * About this much JSON text a bundle: large enough that IndexedDB's cost per document no
 * longer counts, small enough that writing one holds a check-in's write back only briefly.
 */
export const BUNDLE_BYTES = 256 * 1024;

const ORDINAL_DIGITS = 7;
export const bundleId = (kind: BundleKind, ordinal: number) => `${kind}:${String(ordinal).padStart(ORDINAL_DIGITS, '0')}`;

/**
 * Cuts records, given in key order, into bundles of about BUNDLE_BYTES. With `groupOf`
 * (history: the pass id), a bundle ends only where the group changes, so one pass's entries
 * are always in one bundle and a pass's history is one read.
 */
export class BundleCutter<T> {
  private parts: string[] = [];
  private bytes = 0;
  private firstKey = '';
  private lastKey = '';
  private lastGroup: string | null = null;

  constructor(
    private readonly kind: BundleKind,
    private readonly keyOf: (record: T) => string,
    private nextOrdinal = 0,
    private readonly groupOf?: (record: T) => string,
  ) {}

  get ordinal(): number {
    return this.nextOrdinal;
  }

  /** Adds a record; returns the bundle it closed, if any. */
  add(record: T): BundleDocument | null {
    return this.addText(JSON.stringify(record), this.keyOf(record), this.groupOf ? this.groupOf(record) : null);
  }

  /** Adds a record that is JSON text already (the endpoint's rows), with its key and group. */
  addText(json: string, key: string, group: string | null): BundleDocument | null {
    const closed = this.bytes >= BUNDLE_BYTES && (group === null || group !== this.lastGroup) ? this.flush() : null;
    if (this.parts.length === 0) this.firstKey = group ?? key;
    this.lastKey = group ?? key;
    this.lastGroup = group;
    this.parts.push(json);
    this.bytes += json.length + 1;
    return closed;
  }

  /** The bundle in progress, if it holds anything. */
  flush(): BundleDocument | null {
    if (this.parts.length === 0) return null;
    const bundle: BundleDocument = {
      id: bundleId(this.kind, this.nextOrdinal),
      kind: this.kind,
      firstKey: this.firstKey,
      lastKey: this.lastKey,
      count: this.parts.length,
      records: `[${this.parts.join(',')}]`,
    };
    this.nextOrdinal += 1;
    this.parts = [];
    this.bytes = 0;
    return bundle;
  }
}

/** Every bundle of a list of records (key order is the caller's), for writing at once. */
export function bundlesOf<T>(kind: BundleKind, records: Iterable<T>, keyOf: (record: T) => string, groupOf?: (record: T) => string): BundleDocument[] {
  const cutter = new BundleCutter(kind, keyOf, 0, groupOf);
  const bundles: BundleDocument[] = [];
  for (const record of records) {
    const closed = cutter.add(record);
    if (closed) bundles.push(closed);
  }
  const last = cutter.flush();
  if (last) bundles.push(last);
  return bundles;
}
