// Reads the whole ledger back from where it is durable: the storage host's IndexedDB, with
// raw IndexedDB calls in a page of the desk's origin, beside RxDB rather than through it.
// What is here survived the kills, whatever main or RxDB hold in memory.
//
// RxDB's Dexie storage keeps one IndexedDB database per collection,
// `rxdb-dexie-<database>--<schema version>--<collection>`, documents in its `docs` store with
// RxDB's own fields beside ours (`_deleted` as '0'/'1' because it is indexed, `_rev`, `_meta`,
// `_attachments`). The page code is a string: the project has no DOM types, and the TypeScript
// loader may add helpers to a compiled function that the page does not have.
import type { Page } from 'playwright-core';
import type { LedgerEntry } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';

const LEDGER_DATABASE = 'rxdb-dexie-boxoffice--0--ledger';
/** The bundles of a bulk load (main/db/bundles.ts): the venue's past ledger is in those of kind `history`. */
const BUNDLES_DATABASE = 'rxdb-dexie-boxoffice--0--bundles';
const BATCH = 5_000;

const readAllSource = `async ({ name, batch, from, to }) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onupgradeneeded = () => { r.transaction.abort(); reject(new Error('there is no database ' + name)); };
  });
  try {
    const docs = [];
    let after;
    for (;;) {
      const store = db.transaction('docs', 'readonly').objectStore('docs');
      const lower = after === undefined ? from : after;
      const range = lower === undefined ? undefined : to === undefined ? IDBKeyRange.lowerBound(lower, after !== undefined) : IDBKeyRange.bound(lower, to, after !== undefined, true);
      const values = await request(store.getAll(range, batch));
      docs.push(...values);
      // One string crosses CDP much faster than a million small values do.
      if (values.length < batch) return JSON.stringify(docs);
      after = values[values.length - 1][store.keyPath];
    }
  } finally {
    db.close();
  }
}`;

export type LedgerReadBack = {
  entries: LedgerEntry[];
  /** Documents that are not a valid ledger entry (a torn or foreign write): id and why. */
  malformed: { id: string; problem: string }[];
  /** Documents RxDB marks deleted: a ledger entry is never deleted. */
  deleted: string[];
};

export async function readLedgerBack(page: Page): Promise<LedgerReadBack> {
  const text = await page.evaluate(`(${readAllSource})(${JSON.stringify({ name: LEDGER_DATABASE, batch: BATCH })})`) as string;
  const docs = JSON.parse(text) as Record<string, unknown>[];
  const result: LedgerReadBack = { entries: [], malformed: [], deleted: [] };
  // The history bundles, if the venue was loaded in bulk (ids `history:<ordinal>`, and ';' follows ':').
  const hasBundles = await page.evaluate(`indexedDB.databases().then((all) => all.some((db) => db.name === ${JSON.stringify(BUNDLES_DATABASE)}))`) as boolean;
  if (hasBundles) {
    const bundleText = await page.evaluate(`(${readAllSource})(${JSON.stringify({ name: BUNDLES_DATABASE, batch: 50, from: 'history:', to: 'history;' })})`) as string;
    for (const bundle of JSON.parse(bundleText) as { id: string; _deleted: unknown; records: string }[]) {
      if (bundle._deleted === '1' || bundle._deleted === true) continue;
      try {
        docs.push(...(JSON.parse(bundle.records) as Record<string, unknown>[]));
      } catch {
        result.malformed.push({ id: bundle.id, problem: 'a history bundle whose records are not JSON' });
      }
    }
  }
  for (const doc of docs) {
    const { _deleted, _rev, _meta, _attachments, ...fields } = doc;
    void _rev; void _meta; void _attachments;
    const id = String(fields.id);
    if (_deleted === '1' || _deleted === true) {
      result.deleted.push(id);
      continue;
    }
    const parsed = ledgerEntrySchema.safeParse(fields);
    if (parsed.success) result.entries.push(parsed.data);
    else result.malformed.push({ id, problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }
  return result;
}

const deleteSource = `async ({ name, id }) => {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction('docs', 'readwrite', { durability: 'strict' });
      tx.objectStore('docs').delete(id);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}`;

/** For `--sabotage` only: removes one entry behind the desk's back, to show the test sees a loss. */
export async function deleteLedgerDocument(page: Page, id: string): Promise<void> {
  await page.evaluate(`(${deleteSource})(${JSON.stringify({ name: LEDGER_DATABASE, id })})`);
}
