// The browser desk's storage host runs in a hidden frame of the UI page: same origin, so the
// same IndexedDB, and it lives exactly as long as the desk's tab. Under Electron the storage
// host is a hidden window that main opens instead; do not call this there.
import { TAB_PARAM } from '../../shared/schema/deskSocket';

/** Mounts the hidden storage host frame once, passing on this page's secret and its tab's name. */
export function mountStorageHostFrame(tab: string, doc: Document = document): HTMLIFrameElement {
  const existing = doc.querySelector<HTMLIFrameElement>('iframe[data-storage-host]');
  if (existing) return existing;
  const secret = new URLSearchParams(doc.location.search).get('s') ?? '';
  const frame = doc.createElement('iframe');
  frame.src = `storage-host.html?${new URLSearchParams({ s: secret, [TAB_PARAM]: tab }).toString()}`;
  frame.dataset.storageHost = '';
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  doc.body.append(frame);
  return frame;
}
