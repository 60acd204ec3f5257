// A page of a snapshot's part as the endpoint serves it ready (shared/schema/syncContract.ts,
// `snapshotBundles`) turned into what the desk stores: each bundle is checked whole first (the
// contract's schema, its records' digest, their count, its first and last key and, for the
// history, that it does not begin with the pass the bundle before ended with: one pass's entries
// are in one bundle), then its records like a pull's, in the snapshot's worker thread
// (snapshotThread.ts). A history bundle whose entries all pass is written as the text that came,
// under this desk's own bundle id; a door part's bundle is written as the records its checks gave
// (main puts the same into memory, as from pages); a record that fails its check is set aside
// with its reason and the bundle is written without it. A bundle that fails a whole-bundle check is no answer of the
// protocol: the page is refused (the desk then reads the part as pages).
import { createHash } from 'node:crypto';
import type { BundleDocument } from '../../shared/schema/collections';
import type { SnapshotPart } from '../../shared/schema/sync';
import { BUNDLE_DIGEST } from '../../shared/schema/syncContract';
import { screenSnapshotRecords } from '../../shared/sync/pulledDocuments';
import { answerOfText } from '../../shared/sync/syncRequest';
import { bundleId } from '../../shared/sync/bundleCutter';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import type { HistoryEnd, HistoryPageResult } from './historyPages';

const digestOf = (records: string): string => createHash(BUNDLE_DIGEST).update(records, 'utf8').digest('hex');

export class ServedBundles {
  private ordinal = 0;
  /** The history's: the last pass id of the bundle before, which the next bundle may not begin with. */
  private lastPassId: string | null = null;
  /** A record's key as the bundle names it: a pass id for summaries and the history, else its id. */
  private readonly keyOf: (record: unknown) => unknown;

  constructor(private readonly venueId: string, private readonly part: SnapshotPart) {
    this.keyOf = part === 'summaries' || part === 'history' ? passIdOf : idOf;
  }

  take(text: string): HistoryPageResult {
    const answer = answerOfText('snapshotBundles', text, { part: this.part });
    if (!answer.ok) return { ok: false, message: answer.failure.message };
    const bundles: BundleDocument[] = [];
    const dropped: DroppedDocument[] = [];
    let count = 0;
    for (const served of answer.value.bundles) {
      const refused = (why: string): HistoryPageResult => ({ ok: false, message: `a bundle of ${this.part} (${served.firstKey} to ${served.lastKey}) ${why}` });
      if (digestOf(served.records) !== served.digest) return refused('does not match its digest');
      let records: unknown;
      try {
        records = JSON.parse(served.records);
      } catch {
        return refused('holds no JSON');
      }
      if (!Array.isArray(records) || records.length !== served.count) return refused(`does not hold the ${served.count} records it says`);
      // Keys are compared for equality only: the endpoint's database orders them by its own collation.
      if (this.keyOf(records[0]) !== served.firstKey || this.keyOf(records[records.length - 1]) !== served.lastKey) return refused('does not begin and end with the keys it says');
      if (this.part === 'history' && served.firstKey === this.lastPassId) return refused('splits a pass\'s entries with the bundle before');
      const screened = screenSnapshotRecords(this.part, records, this.venueId);
      const accepted = screened.accepted as Record<string, unknown>[];
      this.lastPassId = served.lastKey;
      count += records.length;
      dropped.push(...screened.dropped);
      if (accepted.length === 0) continue;
      // The history's text is written as it came when whole; a door part's records go into memory
      // too, so its bundle is what the checks gave (as a page's records would be), the same text in memory and on disk.
      const whole = screened.dropped.length === 0 && this.part === 'history';
      bundles.push({
        id: bundleId(this.part, this.ordinal),
        kind: this.part,
        firstKey: whole ? served.firstKey : String(this.keyOf(accepted[0])),
        lastKey: whole ? served.lastKey : String(this.keyOf(accepted[accepted.length - 1])),
        count: accepted.length,
        records: whole ? served.records : JSON.stringify(accepted),
      });
      this.ordinal += 1;
    }
    return { ok: true, next: answer.value.next, count, bundles, dropped };
  }

  finish(): HistoryEnd {
    return { last: null, ordinal: this.ordinal };
  }
}

function passIdOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? (record as { passId?: unknown }).passId : undefined;
}

function idOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
}
