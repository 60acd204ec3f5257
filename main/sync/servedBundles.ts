// A page of the snapshot's history as the endpoint serves it ready (shared/schema/syncContract.ts,
// `snapshotHistoryBundles`) turned into what the desk stores: each bundle is checked whole
// first (the contract's schema, its records' digest, their count, its first and last pass, and that
// it does not begin with the pass the bundle before ended with: one pass's entries are in one bundle), then its entries like a pull's, in
// this worker thread (historyThread.ts). A bundle whose entries all pass is written as the text
// that came, under this desk's own bundle id; an entry that fails its check is set aside with
// its reason and the bundle is written without it. A bundle that fails a whole-bundle check is
// no answer of the protocol: the page is refused (the desk then reads the history as pages).
import { createHash } from 'node:crypto';
import type { BundleDocument } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import { HISTORY_BUNDLE_DIGEST } from '../../shared/schema/syncContract';
import { screenSnapshotRecords } from '../../shared/sync/pulledDocuments';
import { answerOfText } from '../../shared/sync/syncRequest';
import { bundleId } from '../../shared/sync/bundleCutter';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import type { HistoryEnd, HistoryPageResult } from './historyPages';

const digestOf = (records: string): string => createHash(HISTORY_BUNDLE_DIGEST).update(records, 'utf8').digest('hex');

export class ServedBundles {
  private ordinal = 0;
  /** The last pass id of the bundle before: the next bundle may not begin with it. */
  private lastPassId: string | null = null;

  constructor(private readonly venueId: string) {}

  take(text: string): HistoryPageResult {
    const answer = answerOfText('snapshotHistoryBundles', text, {});
    if (!answer.ok) return { ok: false, message: answer.failure.message };
    const bundles: BundleDocument[] = [];
    const dropped: DroppedDocument[] = [];
    let count = 0;
    for (const served of answer.value.bundles) {
      const refused = (why: string): HistoryPageResult => ({ ok: false, message: `a history bundle (passes ${served.firstKey} to ${served.lastKey}) ${why}` });
      if (digestOf(served.records) !== served.digest) return refused('does not match its digest');
      let records: unknown;
      try {
        records = JSON.parse(served.records);
      } catch {
        return refused('holds no JSON');
      }
      if (!Array.isArray(records) || records.length !== served.count) return refused(`does not hold the ${served.count} entries it says`);
      // Keys are compared for equality only: the endpoint's database orders pass ids by its own collation.
      if (passIdOf(records[0]) !== served.firstKey || passIdOf(records[records.length - 1]) !== served.lastKey) return refused('does not begin and end with the passes it says');
      if (served.firstKey === this.lastPassId) return refused('splits a pass\'s entries with the bundle before');
      const screened = screenSnapshotRecords('history', records, this.venueId);
      const accepted = screened.accepted as LedgerEntry[];
      this.lastPassId = served.lastKey;
      count += records.length;
      dropped.push(...screened.dropped);
      if (accepted.length === 0) continue;
      const whole = screened.dropped.length === 0;
      bundles.push({
        id: bundleId('history', this.ordinal),
        kind: 'history',
        firstKey: whole ? served.firstKey : accepted[0]!.passId,
        lastKey: whole ? served.lastKey : accepted[accepted.length - 1]!.passId,
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
