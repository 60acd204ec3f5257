// The baseline of the initial-sync benchmark: the same documents put into the same storage
// with nothing in between — raw IndexedDB, one readwrite transaction per batch (strict
// durability, like the desk's Dexie storage), one object store per collection, timed where
// the puts run. In Chromium the code runs in the storage host page (plain JavaScript in a
// string: Playwright sends source text, see test/bench/pageIdb.ts); for the fake-indexeddb
// smoke run it runs here on fake-indexeddb.
import type { Page } from 'playwright-core';
import { indexedDB as fakeIndexedDB } from 'fake-indexeddb';

export const BARE_SYNC_DATABASE = 'bench-bare-initial-sync';

const bareSource = `async ({ name, stores, batches }) => {
  globalThis.__bareSync ??= await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => { for (const store of stores) request.result.createObjectStore(store, { keyPath: 'id' }); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('opening ' + name + ' is blocked'));
  });
  const db = globalThis.__bareSync;
  const started = performance.now();
  for (const { store, docs } of batches) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
      const objects = tx.objectStore(store);
      for (const doc of docs) objects.put(doc);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  }
  return performance.now() - started;
}`;

const deleteSource = `async (name) => {
  if (globalThis.__bareSync) { globalThis.__bareSync.close(); globalThis.__bareSync = undefined; }
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('deleting ' + name + ' is blocked'));
  });
}`;

export type BareBatch = { store: string; docs: unknown[] };

/** Where the bare puts run: returns the milliseconds the puts of these batches took. */
export type BarePutTarget = { put(batches: BareBatch[]): Promise<number>; reset(): Promise<void> };

export function pageTarget(page: Page, stores: readonly string[]): BarePutTarget {
  return {
    put: (batches) => page.evaluate(`(${bareSource})(${JSON.stringify({ name: BARE_SYNC_DATABASE, stores, batches })})`) as Promise<number>,
    reset: () => page.evaluate(`(${deleteSource})(${JSON.stringify(BARE_SYNC_DATABASE)})`) as Promise<void>,
  };
}

/** The same code on fake-indexeddb (the smoke run): compiled here rather than sent to a page. */
export function fakeIndexedDbTarget(stores: readonly string[]): BarePutTarget {
  const run = new Function('indexedDB', `return (${bareSource});`)(fakeIndexedDB) as (input: unknown) => Promise<number>;
  const remove = new Function('indexedDB', `return (${deleteSource});`)(fakeIndexedDB) as (name: string) => Promise<void>;
  return {
    put: (batches) => run({ name: BARE_SYNC_DATABASE, stores, batches }),
    reset: () => remove(BARE_SYNC_DATABASE),
  };
}
