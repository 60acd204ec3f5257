// The browser desk's DeskClient: every call of `deskApi` over /ws/api as `{ id, name, payload }`,
// answered `{ id, result }`; main pushes `{ event, data }`. The other end is
// main/bridge/api.websocket.ts. Under Electron the preload provides the same type instead.
//
// It also says whether this tab is the desk's live window (`link`, renderer/api/deskLink.ts):
// a socket refused for its secret or closed because another tab took over stops for good; one
// that cannot reach main for DESK_GONE_AFTER_MS means the desk program is not running (it keeps
// trying, and comes back). While it is not linked every call is refused at once, never left to
// wait or answered from what the page holds.
import { deskApi } from '../../shared/schema/api';
import type { DeskApiName, DeskClient, DeskEventName } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import type { Refusal } from '../../shared/rules/errors';
import { TAB_PARAM, TAB_SUPERSEDED, WRONG_SECRET } from '../../shared/schema/deskSocket';
import { deskSocketPaths } from '../../shared/schema/deskChannels';
import type { DeskLink, DeskLinkState } from './deskLink';

/** How long a call waits for the connection to main before it is refused. */
const CONNECT_WAIT_MS = 30_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 2_000;
/** Without main for this long, the tab says the desk program is not running. */
export const DESK_GONE_AFTER_MS = 3_000;

type Call = { text: string; sent: boolean; settle: (result: unknown) => void; timer: ReturnType<typeof setTimeout> };

const unreachable: Refusal<'internal'> = { ...refuse('internal'), note: { note: 'desk-unreachable' } };
const dropped: Refusal<'internal'> = { ...refuse('internal'), note: { note: 'desk-dropped' } };
const refusals: Record<Exclude<DeskLinkState, 'connecting' | 'connected'>, Refusal<'internal'>> = {
  'wrong-address': { ...refuse('internal'), note: { note: 'desk-wrong-address' } },
  'superseded': { ...refuse('internal'), note: { note: 'desk-superseded' } },
  'desk-gone': { ...refuse('internal'), note: { note: 'desk-gone' } },
};

/** The page's own secret (`?s=`) authenticates it to main; `tab` names this tab. */
export function defaultApiAddress(tab: string): string {
  const query = new URLSearchParams({ s: new URLSearchParams(location.search).get('s') ?? '', [TAB_PARAM]: tab });
  return `ws://${location.host}${deskSocketPaths.api}?${query.toString()}`;
}

export function createWebSocketDeskClient(address: string): DeskClient & { link: DeskLink } {
  const calls = new Map<number, Call>();
  const listeners = new Map<DeskEventName, Set<(data: unknown) => void>>();
  const linkListeners = new Set<() => void>();
  let socket: WebSocket | null = null;
  let link: DeskLinkState = 'connecting';
  let goneTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  const setLink = (next: DeskLinkState) => {
    if (link === next || link === 'superseded' || link === 'wrong-address') return;
    link = next;
    if (next !== 'connecting' && goneTimer !== null) {
      clearTimeout(goneTimer);
      goneTimer = null;
    }
    // Whatever still waits to be sent will not be: answered now, with why.
    if (next !== 'connecting' && next !== 'connected') for (const id of [...calls.keys()]) settle(id, refusals[next]);
    for (const listener of linkListeners) listener();
  };

  /** The connection is down: "connecting" for a moment, then "the desk is not running" until it is back. */
  const lost = () => {
    if (link === 'desk-gone') return;
    setLink('connecting');
    goneTimer ??= setTimeout(() => {
      goneTimer = null;
      if (link === 'connecting') setLink('desk-gone');
    }, DESK_GONE_AFTER_MS);
  };

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
      setLink('connected');
      sendWaiting();
    };
    current.onmessage = (event: MessageEvent<string>) => receive(event.data);
    current.onclose = (event) => {
      // A call main may have received has an unknown outcome: answer it, never resend it.
      for (const [id, call] of calls) if (call.sent) settle(id, dropped);
      if (event.code === WRONG_SECRET) {
        setLink('wrong-address');
        return;
      }
      if (event.code === TAB_SUPERSEDED) {
        setLink('superseded');
        return;
      }
      lost();
      const retries = opened ? 0 : failures + 1;
      setTimeout(() => connect(retries), Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** retries));
    };
  };

  const call = (name: DeskApiName, payload: unknown): Promise<unknown> => {
    if (link !== 'connecting' && link !== 'connected') return Promise.resolve(refusals[link]);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(id, unreachable), CONNECT_WAIT_MS);
      calls.set(id, { text: JSON.stringify({ id, name, payload }), sent: false, settle: resolve, timer });
      sendWaiting();
    });
  };

  lost();
  connect(0);
  const methods = Object.fromEntries((Object.keys(deskApi) as DeskApiName[]).map((name) => [name, (payload: unknown) => call(name, payload)]));
  return {
    ...methods,
    link: {
      current: () => link,
      subscribe(listener) {
        linkListeners.add(listener);
        return () => {
          linkListeners.delete(listener);
        };
      },
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (data: unknown) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
  } as DeskClient & { link: DeskLink };
}
