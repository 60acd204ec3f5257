// The crash test talks to the desk the way the UI page does: over the desk's own API socket
// (/ws/api, `{ id, name, payload }` answered `{ id, result }`; renderer/api/deskClient.websocket.ts
// is the page's end). Nothing here is a debug path into main.
//
// Unlike the page's client, a call never waits for a reconnect and is never resent: when the
// socket drops before the answer, the call's outcome is unknown, and that is what the test
// must be able to tell apart from an answer.
import WebSocket from 'ws';
import type { DeskApiInput, DeskApiName, DeskApiResults } from '../../shared/schema/api';
import { deskSocketPaths } from '../../shared/schema/deskChannels';

export type CallOutcome<K extends DeskApiName> =
  | { answered: true; result: DeskApiResults[K] }
  | { answered: false; why: string };

export type DeskApiSocket = {
  call<K extends DeskApiName>(name: K, payload: DeskApiInput<K>): Promise<CallOutcome<K>>;
  /** Resolves when the socket is gone (main killed, or closed by us). */
  readonly closed: Promise<void>;
  close(): void;
};

/** Connects once; rejects if main does not accept the socket within `timeoutMs`. */
export function connectDeskApi(origin: string, secret: string, timeoutMs: number): Promise<DeskApiSocket> {
  const address = `${origin.replace(/^http/, 'ws')}${deskSocketPaths.api}?s=${encodeURIComponent(secret)}`;
  return new Promise((resolve, reject) => {
    // The desk checks the Origin header: the API socket belongs to the desk's own pages.
    const socket = new WebSocket(address, { origin, maxPayload: 64 * 1024 * 1024 });
    const pending = new Map<number, (outcome: CallOutcome<DeskApiName>) => void>();
    let nextId = 1;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((done) => { resolveClosed = done; });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the desk's API socket did not open within ${timeoutMs} ms`));
    }, timeoutMs);

    socket.on('message', (data) => {
      let message: { id?: unknown; result?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (typeof message.id !== 'number') return; // an event ({ event, data }): not needed here
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle?.({ answered: true, result: message.result as never });
    });
    socket.on('error', () => undefined); // 'close' follows and says everything needed
    socket.on('close', () => {
      clearTimeout(timer);
      for (const settle of pending.values()) settle({ answered: false, why: 'the API socket closed before the answer' });
      pending.clear();
      resolveClosed();
      reject(new Error('the desk closed the API socket while it was opening'));
    });
    socket.on('open', () => {
      clearTimeout(timer);
      resolve({
        closed,
        call(name, payload) {
          if (socket.readyState !== WebSocket.OPEN) return Promise.resolve({ answered: false, why: 'the API socket is not open' });
          const id = nextId++;
          return new Promise((settle) => {
            pending.set(id, settle as (outcome: CallOutcome<DeskApiName>) => void);
            socket.send(JSON.stringify({ id, name, payload }));
          });
        },
        close() {
          socket.terminate();
        },
      });
    });
  });
}
