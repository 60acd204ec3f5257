// What `npm start` does next (scripts/start.mjs), decided from what it found: the Electron desk
// where its binary is installed and a window can open; a first-start download of the binary
// (Electron ≥ 45 downloads it at first use, not at npm install) tried once, unless
// ELECTRON_SKIP_BINARY_DOWNLOAD says not to; else the browser desk, after one plain line.

/**
 * @param {{
 *   electron: { binary: string | null, reason: string | null },
 *   display: { ok: boolean, reason?: string },
 *   env: Record<string, string | undefined>,
 *   download: null | { ok: true } | { ok: false, reason: string },
 * }} found  `download` is null until a download was tried in this start.
 * @returns {{ next: 'electron', binary: string }
 *   | { next: 'download' }
 *   | { next: 'browser', line: string }}
 */
export function planStart({ electron, display, env, download }) {
  // No window can open here: a binary, downloaded or not, would not help.
  if (!display.ok) return { next: 'browser', line: browserLine(display.reason ?? 'no window can open here') };
  if (electron.binary) return { next: 'electron', binary: electron.binary };
  const packageMissing = /package is not installed/.test(electron.reason ?? '');
  if (!packageMissing && !skipsDownload(env) && download === null) return { next: 'download' };
  if (download && !download.ok) return { next: 'browser', line: browserLine(`Electron could not be downloaded (${download.reason})`) };
  if (skipsDownload(env) && !packageMissing) return { next: 'browser', line: browserLine("Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set") };
  return { next: 'browser', line: browserLine(electron.reason ?? "Electron's binary is not installed") };
}

/** The electron package's own rule: any value but empty skips the download. */
export function skipsDownload(env) {
  return Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
}

function browserLine(why) {
  return `start: ${why}, so the same desk opens in your browser instead (npm run start:browser).`;
}
