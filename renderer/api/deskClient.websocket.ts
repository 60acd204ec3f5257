// The browser desk's DeskClient: every call of `deskApi` over /ws/api as `{ id, name, payload }`,
// answered `{ id, result }`; main pushes `{ event, data }`. The other end is
// main/bridge/api.websocket.ts. Under Electron the preload provides the same type instead.
import { deskApi } from '../../shared/schema/api';
import type { DeskApiName, DeskClient, DeskEventName } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import type { Refusal } from '../../shared/rules/errors';
import { deskSocketPaths, WRONG_SECRET } from '../../shared/schema/deskSocket';

/** How long a call waits for the connection to main before it is refused. */
const CONNECT_WAIT_MS = 30_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

type Call = { text: string; sent: boolean; settle: (result: unknown) => void; timer: ReturnType<typeof setTimeout> };

const unreachable: Refusal<'internal'> = { ...refuse('internal'), message: 'The desk is not reachable. Nothing was changed.' };
const dropped: Refusal<'internal'> = {
  ...refuse('internal'),
  message: 'The connection to the desk dropped before it answered: check whether it happened before trying again.',
};
const staleLink: Refusal<'internal'> = {
  ...refuse('internal'),
  message: 'This page belongs to an earlier start of the desk: open the address the desk shows now.',
};

/** The page's own secret (`?s=`) authenticates it to main. */
export function defaultApiAddress(): string {
  const secret = new URLSearchParams(location.search).get('s') ?? '';
  return `ws://${location.host}${deskSocketPaths.api}?s=${encodeURIComponent(secret)}`;
}

export function createWebSocketDeskClient(address: string = defaultApiAddress()): DeskClient {
  const calls = new Map<number, Call>();
  const listeners = new Map<DeskEventName, Set<(data: unknown) => void>>();
  let socket: WebSocket | null = null;
  let refused = false;
  let nextId = 1;

  const settle = (id: number, result: unknown) => {
    const call = calls.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    calls.delete(id);
    call.settle(result);
  };

  const sendWaiting = () => {
    for (const call of calls.values()) {
      if (call.sent || socket?.readyState !== WebSocket.OPEN) continue;
      socket.send(call.text);
      call.sent = true;
      // Once sent, a call waits for main's answer however long it takes (a big venue file).
      clearTimeout(call.timer);
    }
  };

  const receive = (text: string) => {
    let message: { id?: unknown; result?: unknown; event?: DeskEventName; data?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      console.error('desk client: a message from main is not JSON');
      return;
    }
    if (message.event !== undefined) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.data);
    } else if (typeof message.id === 'number') {
      settle(message.id, message.result);
    } else {
      console.warn('desk client: main could not read a message', message.result);
    }
  };

  const connect = (failures: number) => {
    const current = new WebSocket(address);
    socket = current;
    let opened = false;
    current.onopen = () => {
      opened = true;
      sendWaiting();
    };
    current.onmessage = (event: MessageEvent<string>) => receive(event.data);
    current.onclose = (event) => {
      // A call main may have received has an unknown outcome: answer it, never resend it.
      for (const [id, call] of calls) if (call.sent) settle(id, dropped);
      if (event.code === WRONG_SECRET) {
        refused = true;
        for (const id of [...calls.keys()]) settle(id, staleLink);
        return;
      }
      const retries = opened ? 0 : failures + 1;
      setTimeout(() => connect(retries), Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** retries));
    };
  };

  const call = (name: DeskApiName, payload: unknown): Promise<unknown> => {
    if (refused) return Promise.resolve(staleLink);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(id, unreachable), CONNECT_WAIT_MS);
      calls.set(id, { text: JSON.stringify({ id, name, payload }), sent: false, settle: resolve, timer });
      sendWaiting();
    });
  };

  connect(0);
  const methods = Object.fromEntries((Object.keys(deskApi) as DeskApiName[]).map((name) => [name, (payload: unknown) => call(name, payload)]));
  return {
    ...methods,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (data: unknown) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
  } as DeskClient;
}
