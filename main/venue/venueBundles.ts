// A whole venue into an empty desk as bundles (main/db/bundles.ts): the platform records, one
// summary per pass, the recent entries whole, and the past ledger as history bundles grouped
// by pass. The passes and their summaries are cut by customer (a customer's in one bundle,
// keyed by the customer's id: main/state/customersOnDemand.ts reads one customer's alone).
// The state document is written first as "not complete" and last as complete, so a
// crash half-way leaves bundles that the next start does not read and the next load replaces.
import type { BundleKind } from '../../shared/schema/collections';
import type { LedgerEntry, PassSummaryRecord, VenueData } from '../../shared/schema/records';
import { summarizeByPass } from '../../shared/rules/passSummary';
import { recentEntriesOf, recentSince } from '../../shared/rules/recentEntries';
import type { DeskDatabase } from '../db/deskDatabase';
import { writeVenue } from '../db/deskDatabase';
import type { BundlesState } from '../db/bundles';
import { bundlesOf, readBundlesState, writeBundles, writeBundlesState } from '../db/bundles';

export type BundledVenue = { summaries: PassSummaryRecord[]; recent: LedgerEntry[] };

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }) => compare(a.id, b.id);
const byCustomerThen = <T>(customerOf: (record: T) => string, keyOf: (record: T) => string) => (a: T, b: T) =>
  compare(customerOf(a), customerOf(b)) || compare(keyOf(a), keyOf(b));

/** Whether this desk may take a venue as bundles: it holds no venue and no finished bulk load. */
export async function takesBundles(db: DeskDatabase, venueHeld: boolean): Promise<boolean> {
  if (venueHeld) return false;
  const state = await readBundlesState(db);
  return state === null || !state.doorComplete;
}

/** Forgets the bundles of a bulk load that did not finish. */
export async function removeUnfinishedBundles(db: DeskDatabase): Promise<void> {
  await db.bundles.find().remove();
}

export async function writeVenueBundles(db: DeskDatabase, data: VenueData, nowMs: number): Promise<BundledVenue> {
  await removeUnfinishedBundles(db);
  const since = recentSince(nowMs, data.venue.timeZone);
  const state: BundlesState = {
    source: 'venue-file',
    doorComplete: false,
    ordinals: {},
    counts: {},
    history: { complete: false, after: null, entries: 0 },
    snapshot: null,
  };
  await writeBundlesState(db, state);

  const write = async <T extends { id: string }>(kind: BundleKind, records: readonly T[]) => {
    const bundles = bundlesOf(kind, [...records].sort(byId), (record) => record.id);
    await writeBundles(db, bundles);
    state.ordinals[kind] = bundles.length;
    state.counts[kind] = records.length;
  };
  await write('products', data.products);
  await write('sessions', data.sessions);
  await write('customers', data.customers);
  await write('bookings', data.bookings);

  // By customer, then by pass: one customer's passes in one bundle, and their summaries in one.
  const customerOf = new Map(data.passes.map((pass) => [pass.id, pass.customerId]));
  const ofSummary = (record: PassSummaryRecord) => customerOf.get(record.passId) ?? '';
  const passes = [...data.passes].sort(byCustomerThen((pass) => pass.customerId, (pass) => pass.id));
  const passBundles = bundlesOf('passes', passes, (pass) => pass.id, (pass) => pass.customerId);
  await writeBundles(db, passBundles);
  state.ordinals.passes = passBundles.length;
  state.counts.passes = passes.length;
  const summaries = [...summarizeByPass(data.ledger)].map(([passId, summary]) => summary.toRecord(passId)).sort(byCustomerThen(ofSummary, (record) => record.passId));
  const summaryBundles = bundlesOf('summaries', summaries, (record) => record.passId, ofSummary);
  await writeBundles(db, summaryBundles);
  state.ordinals.summaries = summaryBundles.length;
  state.counts.summaries = summaries.length;
  state.byCustomer = true;
  const recent = recentEntriesOf(data.ledger, since);
  await write('recent', recent);
  state.doorComplete = true;

  // One pass's entries together (those with no pass first): a pass's history is one read.
  const history = [...data.ledger].sort((a, b) => (a.passId < b.passId ? -1 : a.passId > b.passId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const historyBundles = bundlesOf('history', history, (entry) => entry.id, (entry) => entry.passId);
  await writeBundles(db, historyBundles);
  state.ordinals.history = historyBundles.length;
  state.counts.history = history.length;
  state.history = { complete: true, after: null, entries: history.length };
  // The venue before the mark: a desk with complete bundles always knows whose they are.
  await writeVenue(db, data.venue);
  await writeBundlesState(db, state);
  return { summaries, recent };
}
