// Chromium on a disk of its own that is nearly full: its profile is a tmpfs of a few MiB,
// mounted over --user-data-dir in a private mount namespace (`unshare`, user namespaces: no
// root needed where they are allowed). A real full disk, as the desk meets it: Chromium's quota
// for the origin follows the disk's free space, and IndexedDB refuses a write it cannot hold
// with QuotaExceededError. (DevTools' Storage.overrideQuotaForOrigin is not it: Chromium 156
// reports the override and still takes every write.)
import { spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium';

/** Why a small disk cannot be made here, or null when it can. */
export function smallDiskUnavailable(): string | null {
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  return probe.status === 0 ? null : `a tmpfs cannot be mounted in a user namespace here: ${probe.stderr.trim()}`;
}

/** Launches Chromium with its profile on a tmpfs of `sizeMiB`, gone when Chromium ends. */
export async function launchChromiumOnSmallDisk(folder: string, sizeMiB: number): Promise<BrowserContext> {
  const wrapper = path.join(folder, 'chromium-on-small-disk.sh');
  await writeFile(wrapper, [
    '#!/bin/sh',
    'for arg in "$@"; do case "$arg" in --user-data-dir=*) dir="${arg#--user-data-dir=}" ;; esac; done',
    `exec unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$0" "$@"' '${chromiumPath}' '${sizeMiB}m' "$dir" "$@"`,
    '',
  ].join('\n'));
  await chmod(wrapper, 0o755);
  return chromium.launchPersistentContext(path.join(folder, 'small-profile'), { executablePath: wrapper, headless: true, args: chromiumArgs });
}

// The page code is a string: the project has no DOM types, and the TypeScript loader may add
// helpers to a compiled function that the page does not have (test/crash/ledgerReadBack.ts).
const fillSource = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('disk-filler', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('filler');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const put = (bytes, key) => new Promise((resolve) => {
    const value = new Uint8Array(bytes);
    for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(value.subarray(at, Math.min(bytes, at + 65536)));
    const transaction = db.transaction(['filler'], 'readwrite', { durability: 'strict' });
    transaction.objectStore('filler').put(value, key);
    transaction.oncomplete = () => resolve(null);
    transaction.onabort = () => resolve(transaction.error ? transaction.error.name : 'AbortError');
  });
  let key = 0;
  let stoppedBy = '';
  for (const bytes of [1 << 20, 1 << 16, 1 << 12, 1 << 8]) {
    for (;;) {
      const refused = await put(bytes, key++);
      if (refused === null) continue;
      stoppedBy = refused;
      break;
    }
  }
  db.close();
  return stoppedBy;
})()`;

/**
 * Fills the origin's share of the disk from `page` with a database of its own, in ever
 * smaller pieces, until IndexedDB refuses even a few bytes. Random bytes: IndexedDB
 * compresses what it stores. Answers the name of the error that stopped it.
 */
export async function fillTheDisk(page: Page): Promise<string> {
  return (await page.evaluate(fillSource)) as string;
}

/** Gives the room back. */
export async function emptyTheDisk(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase('disk-filler');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  })`);
}
