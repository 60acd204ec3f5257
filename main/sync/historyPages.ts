// A snapshot's history pages (the past ledger, by pass) turned into what the desk stores: each
// page's text parsed as the contract's answer, its entries checked like a pull's (a bad one is
// set aside with its reason, the rest goes on), and cut into history bundles, one pass's
// entries always in one bundle. Pure and stateful across pages (the cutter carries over); run
// in a worker thread (snapshotThread.ts), so that none of this work, nor the garbage of a
// million short-lived records, is on main's event loop while the door is open.
import type { BundleDocument } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import { screenSnapshotRecords } from '../../shared/sync/pulledDocuments';
import { answerOfText } from '../../shared/sync/syncRequest';
import { BundleCutter } from '../../shared/sync/bundleCutter';

/** What one page gave: `count` records came, of which `dropped` were set aside; `bundles` closed. */
export type HistoryPageTaken = { ok: true; next: string | null; count: number; bundles: BundleDocument[]; dropped: DroppedDocument[] };
/** The page was not the protocol's answer (not JSON, wrong shape): the endpoint's, not a record's fault. */
export type HistoryPageRefused = { ok: false; message: string };
export type HistoryPageResult = HistoryPageTaken | HistoryPageRefused;

export type HistoryEnd = { last: BundleDocument | null; ordinal: number };

export class HistoryPages {
  private readonly cutter = new BundleCutter<LedgerEntry>('history', (entry) => entry.id, 0, (entry) => entry.passId);

  constructor(private readonly venueId: string) {}

  take(text: string): HistoryPageResult {
    const answer = answerOfText('snapshotPage', text, { part: 'history' });
    if (!answer.ok) return { ok: false, message: answer.failure.message };
    const { records, next } = answer.value;
    const screened = screenSnapshotRecords('history', records, this.venueId);
    const bundles: BundleDocument[] = [];
    for (const entry of screened.accepted as LedgerEntry[]) {
      const closed = this.cutter.add(entry);
      if (closed) bundles.push(closed);
    }
    return { ok: true, next, count: records.length, bundles, dropped: screened.dropped };
  }

  /** The bundle in progress, and how many bundles were cut in all. */
  finish(): HistoryEnd {
    const last = this.cutter.flush();
    return { last, ordinal: this.cutter.ordinal };
  }
}
