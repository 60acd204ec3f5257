// A name for this tab, new at every load: its API socket and its storage host frame share it, so
// that main knows which tab is the desk's live window (main/browser/deskTabs.ts). No React here:
// the storage host page takes it too.

export function newTabName(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
