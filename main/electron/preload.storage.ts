// The storage host window's preload: hands the storage bridge's MessagePort from main to the
// page. With context isolation the preload and the page are separate worlds, so the port
// crosses with window.postMessage (Electron's documented pattern, "Communicating directly
// between the main process and the main world of a context-isolated page"). Nothing is exposed.
import { ipcRenderer } from 'electron';
import { CHANNEL_STORAGE_PORT } from '../../shared/schema/deskChannels';

// Registered before the page's scripts run, so the load event cannot be missed; the page's
// listener exists once it has loaded.
const pageLoaded = new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));

ipcRenderer.on(CHANNEL_STORAGE_PORT, (event) => {
  void pageLoaded.then(() => window.postMessage(CHANNEL_STORAGE_PORT, '*', event.ports));
});
