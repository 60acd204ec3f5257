// The baselines that run inside the storage host page (same origin, same IndexedDB, same
// renderer process as the desk's Dexie storage), on raw IndexedDB, timed in the page with
// performance.now().
//
// The page code is plain JavaScript in strings: Playwright sends a function's source text to
// the page, and the TypeScript loader (tsx/esbuild) may add helper calls to compiled
// functions that do not exist there. The project's tsconfig has no DOM types either.
import type { Page } from 'playwright-core';

/** A separate raw IndexedDB database of the same origin for the put baseline. */
export const BARE_DATABASE = 'bench-bare-strict-put';

const bareDatabaseHelpers = `
  const openBare = (name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('docs', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('opening ' + name + ' is blocked'));
  });
`;

/** Deletes the bare database, so that each run starts from an empty store. */
const resetBareSource = `async (name) => {
  if (globalThis.__benchBare) { (await globalThis.__benchBare).close(); globalThis.__benchBare = undefined; }
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('deleting ' + name + ' is blocked'));
  });
}`;

/** One put per transaction, strict durability, each timed from the transaction to oncomplete. */
const strictPutsSource = `async ({ name, docs }) => {
  ${bareDatabaseHelpers}
  globalThis.__benchBare ??= openBare(name);
  const db = await globalThis.__benchBare;
  const times = [];
  for (const doc of docs) {
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction('docs', 'readwrite', { durability: 'strict' });
      tx.objectStore('docs').put(doc);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
    times.push(performance.now() - started);
  }
  return times;
}`;

/**
 * Reads every object store of the named databases in batches of \`batch\` with getAll, in the
 * order given, one read-only transaction per batch (as a paged read must). Returns the time
 * and the counts, not the data.
 */
const batchedReadSource = `async ({ names, batch }) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const keyOf = (value, keyPath) => keyPath.split('.').reduce((v, k) => (v == null ? v : v[k]), value);
  const started = performance.now();
  const stores = [];
  for (const name of names) {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.onupgradeneeded = () => { r.transaction.abort(); reject(new Error('no database ' + name)); };
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const storeStarted = performance.now();
      let after = undefined;
      let count = 0;
      for (;;) {
        const tx = db.transaction(storeName, 'readonly');
        const store = tx.objectStore(storeName);
        const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
        const values = await request(store.getAll(range, batch));
        count += values.length;
        if (values.length < batch) break;
        if (typeof store.keyPath === 'string' && store.keyPath !== '') {
          after = keyOf(values[values.length - 1], store.keyPath);
        } else {
          const keys = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAllKeys(range, batch));
          after = keys[keys.length - 1];
        }
      }
      stores.push({ database: name, store: storeName, count, ms: performance.now() - storeStarted });
    }
    db.close();
  }
  return { ms: performance.now() - started, stores };
}`;

/**
 * Reads the documents of the named key ranges (\`[from, to)\`) of one database's \`docs\` store
 * with getAll, \`batch\` at a time: the bundles of the kinds a start reads.
 */
const rangesReadSource = `async ({ name, ranges, batch }) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const started = performance.now();
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onupgradeneeded = () => { r.transaction.abort(); reject(new Error('no database ' + name)); };
  });
  const stores = [];
  for (const [from, to] of ranges) {
    const rangeStarted = performance.now();
    let lower = IDBKeyRange.bound(from, to, false, true);
    let count = 0;
    let chars = 0;
    for (;;) {
      const values = await request(db.transaction('docs', 'readonly').objectStore('docs').getAll(lower, batch));
      count += values.length;
      for (const value of values) chars += typeof value.records === 'string' ? value.records.length : 0;
      if (values.length < batch) break;
      lower = IDBKeyRange.bound(values[values.length - 1].id, to, true, true);
    }
    stores.push({ database: name, store: from, count, chars, ms: performance.now() - rangeStarted });
  }
  db.close();
  return { ms: performance.now() - started, stores };
}`;

export type RangesRead = { ms: number; stores: { database: string; store: string; count: number; chars: number; ms: number }[] };

export function rangesRead(page: Page, name: string, ranges: readonly (readonly [string, string])[], batch: number): Promise<RangesRead> {
  return call(page, rangesReadSource, { name, ranges, batch });
}

/**
 * What a desk reads of one customer alone (main/state/customersOnDemand.ts): in the bundles'
 * database, for each kind, the bundles whose key range holds the customer's id, found by the
 * index on kind and lastKey (at most two, as the desk asks); the customer's document in the
 * customers' database and their passes in the passes' database by its customerId index (the
 * records written one each). One read-only transaction per lookup, as the desk's are.
 */
const customerReadSource = `async ({ bundles, customers, passes, kinds, key }) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const open = (name) => new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.onupgradeneeded = () => { r.transaction.abort(); reject(new Error('no database ' + name)); };
  });
  const indexNamed = (store, fields) => Array.from(store.indexNames).find((name) => name.includes(fields));
  const started = performance.now();
  const bundlesDb = await open(bundles);
  let docs = 0;
  let chars = 0;
  for (const kind of kinds) {
    const store = bundlesDb.transaction('docs', 'readonly').objectStore('docs');
    const index = store.index(indexNamed(store, 'kind+lastKey'));
    const values = await request(index.getAll(IDBKeyRange.bound(['0', kind, key], ['0', kind, '\uffff']), 2));
    for (const value of values) {
      if (value.firstKey > key) break;
      docs += 1;
      chars += value.records.length;
    }
  }
  bundlesDb.close();
  if (customers) {
    const db = await open(customers);
    if (await request(db.transaction('docs', 'readonly').objectStore('docs').get(key))) docs += 1;
    db.close();
  }
  if (passes) {
    const db = await open(passes);
    const store = db.transaction('docs', 'readonly').objectStore('docs');
    docs += (await request(store.index(indexNamed(store, 'customerId')).getAll(IDBKeyRange.bound(['0', key], ['0', key, '\uffff'])))).length;
    db.close();
  }
  return { ms: performance.now() - started, docs, chars };
}`;

export type CustomerRead = { ms: number; docs: number; chars: number };

export function customerRead(page: Page, names: { bundles: string; customers: string | null; passes: string | null }, kinds: readonly string[], key: string): Promise<CustomerRead> {
  return call(page, customerReadSource, { ...names, kinds, key });
}

const databaseNamesSource = `async () => (await indexedDB.databases()).map((d) => d.name)`;

function call<T>(page: Page, source: string, argument?: unknown): Promise<T> {
  return page.evaluate(`(${source})(${argument === undefined ? '' : JSON.stringify(argument)})`) as Promise<T>;
}

export function resetBareDatabase(page: Page): Promise<void> {
  return call(page, resetBareSource, BARE_DATABASE);
}

export function strictPuts(page: Page, docs: readonly unknown[]): Promise<number[]> {
  return call(page, strictPutsSource, { name: BARE_DATABASE, docs });
}

export type BatchedRead = { ms: number; stores: { database: string; store: string; count: number; ms: number }[] };

export function batchedRead(page: Page, names: readonly string[], batch: number): Promise<BatchedRead> {
  return call(page, batchedReadSource, { names, batch });
}

export function databaseNames(page: Page): Promise<string[]> {
  return call(page, databaseNamesSource);
}
