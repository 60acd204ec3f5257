// The API bridge of the browser desk: the UI page's calls arrive over a loopback WebSocket
// as `{ id, name, payload }` and are answered `{ id, result }`; events go to every UI page
// as `{ event, data }`. The client is renderer/api/deskClient.websocket.ts.
import type { WebSocket } from 'ws';
import { refuse } from '../../shared/rules/errors';
import type { Refusal } from '../../shared/rules/errors';
import type { ApiBridge } from '../deskHost';

/** How long a call waits for main to install its handler (the desk is still starting). */
const HANDLER_WAIT_MS = 30_000;

type Handler = Parameters<ApiBridge['handle']>[0];
type CallId = string | number | null;
type Envelope = { id: CallId; name: unknown; payload: unknown };

export type WebSocketApiBridge = ApiBridge & {
  /** Takes an authenticated socket from a UI page. */
  accept(socket: WebSocket): void;
};

export function createWebSocketApiBridge(options: { log?: (line: string) => void; handlerWaitMs?: number } = {}): WebSocketApiBridge {
  const log = options.log ?? console.log;
  const handlerWaitMs = options.handlerWaitMs ?? HANDLER_WAIT_MS;
  const pages = new Set<WebSocket>();
  let handler: Handler | null = null;
  const waiters = new Set<() => void>();

  const handlerReady = async (): Promise<Handler | null> => {
    if (handler) return handler;
    await new Promise<void>((resolve) => {
      const wake = () => { clearTimeout(timer); waiters.delete(wake); resolve(); };
      const timer = setTimeout(wake, handlerWaitMs);
      waiters.add(wake);
    });
    return handler;
  };

  const answer = async (text: string): Promise<{ id: CallId; result: unknown }> => {
    const call = parseEnvelope(text);
    if ('refusal' in call) return { id: call.id, result: call.refusal };
    const ready = await handlerReady();
    if (!ready) return { id: call.id, result: { ...refuse('internal'), note: { note: 'desk-starting' } } };
    return { id: call.id, result: await ready(call.name, call.payload) };
  };

  return {
    handle(next) {
      handler = next;
      for (const wake of [...waiters]) wake();
    },
    emit(event, data) {
      const text = JSON.stringify({ event, data });
      for (const page of pages) if (page.readyState === page.OPEN) page.send(text);
    },
    accept(socket) {
      pages.add(socket);
      socket.on('close', () => pages.delete(socket));
      socket.on('error', (error) => log(`api: socket error: ${error.message}`));
      socket.on('message', (data, isBinary) => {
        const text = isBinary ? '' : data.toString();
        void answer(text).then((reply) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
        });
      });
    },
  };
}

/** The envelope's shape only: what it carries is parsed by the desk (main/desk/deskCall.ts). */
function parseEnvelope(text: string): Envelope | { id: CallId; refusal: Refusal } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return malformed(null, 'The message is not JSON.');
  }
  if (typeof message !== 'object' || message === null) return malformed(null, 'The message is not a call { id, name, payload }.');
  const { id, name, payload } = message as Record<string, unknown>;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return malformed(null, 'The call has no id (a string or a number).');
  return { id, name, payload };
}

function malformed(id: CallId, message: string): { id: CallId; refusal: Refusal } {
  return { id, refusal: { ...refuse('invalid-input'), details: message } };
}
