// The UI window's preload: exposes `window.desk`, one function per call of the shared API map
// plus `on(event, listener)`, and nothing else of ipcRenderer. A sandboxed preload can only
// require Electron's renderer modules, so it imports the plain list of call names, not the zod
// map (only types come from api.ts); main validates every payload anyway.
import { contextBridge, ipcRenderer } from 'electron';
import type { DeskClient, DeskEventName } from '../../shared/schema/api';
import { deskApiNames } from '../../shared/schema/apiNames';
import { CHANNEL_CALL, CHANNEL_EVENT } from '../../shared/schema/deskChannels';

type Listener = (data: unknown) => void;

// One IPC listener for all subscribers: views subscribe and unsubscribe often, and
// ipcRenderer would warn past ten listeners on one channel.
const listeners = new Map<string, Set<Listener>>();
ipcRenderer.on(CHANNEL_EVENT, (_event, message: { event: string; data: unknown }) => {
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.data);
    } catch (error) {
      console.error(`desk: a listener of "${message.event}" failed`, error);
    }
  }
});

const calls = Object.fromEntries(
  deskApiNames.map((name) => [name, (payload: unknown) => ipcRenderer.invoke(CHANNEL_CALL, { name, payload })]),
);

function on(event: DeskEventName, listener: Listener): () => void {
  const forEvent = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, forEvent);
  forEvent.add(listener);
  return () => { forEvent.delete(listener); };
}

// The wire is untyped: results are whatever main answers, which DeskApiResults describes.
const desk = { ...calls, on } as unknown as DeskClient;
contextBridge.exposeInMainWorld('desk', desk);
