// The work the snapshot history's worker thread does (main/sync/historyPages.ts), in this
// thread: a page that is not the contract's answer is refused whole; a bad entry is set aside
// with its reason and the rest taken; a pass's entries are never split between two bundles.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/schema/records';
import { HistoryPages } from '../../main/sync/historyPages';
import { BUNDLE_BYTES } from '../../shared/sync/bundleCutter';
import { demoVenueFor } from '../../main/venue/demoVenue';

const nowMs = Date.parse('2026-03-10T12:00:00Z');
const venue = demoVenueFor(nowMs, 120);
const byPass = [...venue.ledger].sort((a, b) => (a.passId < b.passId ? -1 : a.passId > b.passId ? 1 : a.id < b.id ? -1 : 1));
const pageOf = (records: unknown[], next: string | null = null) => JSON.stringify({ records, next });

describe('a history page in the worker', () => {
  it.each([
    { what: 'not JSON', text: '{"records":[' },
    { what: 'records that are not a list', text: '{"records":{},"next":null}' },
    { what: 'a next that is not text', text: '{"records":[],"next":5}' },
  ])('$what is refused whole, as the endpoint\'s bad answer', ({ text }) => {
    expect(new HistoryPages(venue.venue.id).take(text)).toMatchObject({ ok: false, message: expect.stringContaining('sync/snapshot/history') });
  });

  it('sets aside an entry of another venue with its reason, and takes the rest', () => {
    const pages = new HistoryPages(venue.venue.id);
    const foreign = { ...byPass[0]!, id: 'foreign', venueId: 'another-venue' };
    const taken = pages.take(pageOf([...byPass.slice(0, 10), foreign], 'cursor'));
    expect(taken).toMatchObject({ ok: true, next: 'cursor', count: 11, dropped: [{ collection: 'history', id: 'foreign', reason: expect.stringContaining('another-venue') }] });
    const { last } = pages.finish();
    expect(JSON.parse(last!.records)).toHaveLength(10);
  });

  it('cuts bundles of about BUNDLE_BYTES across pages, one pass\'s entries always in one bundle', () => {
    const pages = new HistoryPages(venue.venue.id);
    // Every entry many times over under new ids, so that the history is several bundles long.
    const copies = Math.ceil((3 * BUNDLE_BYTES) / JSON.stringify(byPass).length);
    const entries: LedgerEntry[] = byPass.flatMap((entry) => Array.from({ length: copies }, (_, copy) => ({ ...entry, id: `${entry.id}-${String(copy).padStart(3, '0')}` })));
    const bundles = [];
    for (let from = 0; from < entries.length; from += 500) {
      const taken = pages.take(pageOf(entries.slice(from, from + 500)));
      if (!taken.ok) throw new Error(taken.message);
      bundles.push(...taken.bundles);
    }
    const end = pages.finish();
    if (end.last) bundles.push(end.last);
    expect(bundles.length).toBeGreaterThan(2);
    expect(end.ordinal).toBe(bundles.length);
    const passesOf = bundles.map((bundle) => new Set((JSON.parse(bundle.records) as LedgerEntry[]).map((entry) => entry.passId)));
    for (let at = 1; at < passesOf.length; at += 1) {
      for (const passId of passesOf[at]!) expect(passesOf[at - 1]!.has(passId), passId).toBe(false);
    }
    expect(bundles.reduce((sum, bundle) => sum + bundle.count, 0)).toBe(entries.length);
  });
});
