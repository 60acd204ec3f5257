// One customer read alone, before the customers' part of the start is in (docs/architecture.md
// "The start"): a call about one customer (a check-in at the door, its preview) does not wait for
// every customer's passes and summaries. Where the bundles are cut by customer
// (BundlesState.byCustomer), the customer's record, passes and their summaries are each in one
// bundle found by the customer's id; with the records written one each since (newer), they are
// taken through the one intake, all in one turn of the event loop, so no call ever sees a
// customer half read. The ledger entries written one each are all in memory from the door's part,
// and a summary is a union with them, so a rule decides on the same state as on a desk that read
// everything first. A customer that bundles cannot answer for alone (a pass of theirs written
// one each whose summary may be under another customer's id) is not read here: the caller waits
// for the whole part, as before.
import type { MangoQuery } from 'rxdb';
import type { Customer, Pass, PassSummaryRecord } from '../../shared/schema/records';
import type { DeskDatabase } from '../db/deskDatabase';
import type { BundlesState } from '../db/bundles';
import { bundlesHolding, queryStorage, stripStorageFields } from '../db/bundles';
import type { StateIntake } from './stateIntake';

/** What the customers' part of the start must leave alone: what was read newer, per customer. */
export type ReadAlone = { customers: ReadonlySet<string>; passes: ReadonlySet<string> };

export class CustomersOnDemand {
  private readonly reading = new Map<string, Promise<boolean>>();
  private readonly customers = new Set<string>();
  private readonly passes = new Set<string>();
  private allIn = false;
  private underway = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly db: DeskDatabase,
    private readonly intake: StateIntake,
    private readonly state: BundlesState | null,
  ) {}

  /** The customers (and their passes) read alone: the whole part's bundles, older, skip them. */
  get readAlone(): ReadAlone {
    return { customers: this.customers, passes: this.passes };
  }

  /**
   * Resolves when no customer is being read alone, after letting a read that just arrived start:
   * the customers' part awaits it between its bundles, so the door's read goes first in the
   * storage host's queue and on main's loop. An arrow, handed on as a function.
   */
  readonly quiet = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.underway > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  };

  /** The customers' part is in: every customer is in memory, nothing is read alone any more. */
  wholeIn(): void {
    this.allIn = true;
  }

  /**
   * True when the customer is in memory as a desk that read everything first would hold them
   * (read now, read before, or the whole part is in); false when they must wait for the whole part.
   */
  customer(customerId: string): Promise<boolean> {
    if (this.allIn) return Promise.resolve(true);
    if (this.state?.doorComplete !== true || this.state.byCustomer !== true) return Promise.resolve(false);
    let reading = this.reading.get(customerId);
    if (!reading) {
      reading = this.read(customerId);
      this.reading.set(customerId, reading);
      // A failed read is tried again by the next call (or the caller waits for the whole part).
      reading.catch(() => this.reading.delete(customerId));
    }
    return reading;
  }

  private async read(customerId: string): Promise<boolean> {
    this.underway += 1;
    try {
      return await this.readNow(customerId);
    } finally {
      this.underway -= 1;
      if (this.underway === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  private async readNow(customerId: string): Promise<boolean> {
    const { db } = this;
    const [customerBundles, passBundles, summaryBundles, [writtenCustomer], writtenPasses] = await Promise.all([
      bundlesHolding<Customer>(db, 'customers', customerId),
      bundlesHolding<Pass>(db, 'passes', customerId),
      bundlesHolding<PassSummaryRecord>(db, 'summaries', customerId),
      db.customers.storageInstance.findDocumentsById([customerId], false),
      queryStorage(db.passes, { selector: { customerId: { $eq: customerId } } } as MangoQuery<Pass>),
    ]);
    const bundledPasses = passBundles.flatMap((bundle) => bundle.records).filter((pass) => pass.customerId === customerId);
    const passIds = new Set(bundledPasses.map((pass) => pass.id));
    // A pass of theirs not in their bundle: new since the load, or moved from another customer,
    // whose bundle would hold its summary. Not answered alone.
    if (writtenPasses.some((pass) => !passIds.has(pass.id))) return false;
    // A bundled pass rewritten since may name another customer now: the newer record wins.
    const rewritten = await db.passes.storageInstance.findDocumentsById([...passIds], false);
    if (this.allIn) return true;
    const { intake } = this;
    const takeCustomer = intake.guarded<Customer>('on disk', 'customers', (record) => intake.record('customers', record));
    const takePass = intake.guarded<Pass>('on disk', 'passes', (record) => intake.record('passes', record));
    for (const bundle of customerBundles) for (const record of bundle.records) if (record.id === customerId) takeCustomer(record);
    if (writtenCustomer) takeCustomer(stripStorageFields(writtenCustomer) as unknown as Customer);
    bundledPasses.forEach(takePass);
    for (const doc of [...rewritten, ...writtenPasses]) takePass(stripStorageFields(doc) as unknown as Pass);
    for (const bundle of summaryBundles) {
      for (const record of bundle.records) if (passIds.has(record.passId)) intake.summary(record, 'on disk');
    }
    this.customers.add(customerId);
    passIds.forEach((passId) => this.passes.add(passId));
    return true;
  }
}
