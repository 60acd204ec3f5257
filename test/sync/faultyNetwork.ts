// A network between a desk and the endpoint that misbehaves on purpose: requests lost on the
// way, answers lost after the endpoint acted (a timeout after a push landed), requests
// delivered twice, pulls answered with an earlier answer (out of order), earlier pushes
// replayed late. It wraps the desk's fetch, so the desk's real sync code runs over it.
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import { mulberry32 } from '../../shared/venue/generateDemoVenue';

export type Exchange = { url: URL; method: string; body: string | undefined; init: RequestInit };

/** Decides what happens to one request; `deliver` really sends it (it may be called twice, or not at all). */
export type NetworkRule = (exchange: Exchange, deliver: () => Promise<Response>) => Promise<Response>;

export function networkWith(rule: NetworkRule, base: FetchFunction = (url, init) => fetch(url, init)): FetchFunction {
  return async (url, init) => {
    const exchange: Exchange = { url: new URL(url), method: init.method ?? 'GET', body: typeof init.body === 'string' ? init.body : undefined, init };
    return rule(exchange, () => base(url, init));
  };
}

/** What fetch throws when the network is down. */
export function networkDown(): never {
  throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'simulated network fault' } });
}

export function jsonAnswer(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

export type NetworkFaults = {
  seed: number;
  /** The request never reaches the endpoint. */
  dropRequest: number;
  /** It reaches the endpoint, which acts on it, and the answer is lost. */
  dropAnswer: number;
  /** It is delivered twice. */
  duplicate: number;
  /** A pull is answered with an earlier answer to a pull of the same collection. */
  stalePull: number;
  /** An earlier push is delivered again, late, before this request. */
  replayPush: number;
};

export const reliable: NetworkFaults = { seed: 0, dropRequest: 0, dropAnswer: 0, duplicate: 0, stalePull: 0, replayPush: 0 };

export type FaultCounts = Record<'dropRequest' | 'dropAnswer' | 'duplicate' | 'stalePull' | 'replayPush', number>;

/** A network with the given fault rates, deterministic for a seed (up to the order RxDB sends in). */
export function randomNetwork(faults: NetworkFaults, base: FetchFunction = (url, init) => fetch(url, init)): { fetch: FetchFunction; counts: FaultCounts } {
  const random = mulberry32(faults.seed);
  const counts: FaultCounts = { dropRequest: 0, dropAnswer: 0, duplicate: 0, stalePull: 0, replayPush: 0 };
  const earlierPulls = new Map<string, string[]>();
  const earlierPushes: { url: string; init: RequestInit }[] = [];
  const rule: NetworkRule = async (exchange, deliver) => {
    const isPull = exchange.method === 'GET' && exchange.url.pathname.endsWith('/pull');
    const isPush = exchange.method === 'POST' && exchange.url.pathname.endsWith('/push');
    const chance = (p: number) => p > 0 && random() < p;
    if (isPush && earlierPushes.length > 0 && chance(faults.replayPush)) {
      counts.replayPush += 1;
      const replay = earlierPushes[Math.floor(random() * earlierPushes.length)]!;
      await base(replay.url, replay.init).then((answer) => answer.text()).catch(() => undefined);
    }
    if (chance(faults.dropRequest)) {
      counts.dropRequest += 1;
      return networkDown();
    }
    if (isPull) {
      const collection = exchange.url.pathname;
      const earlier = earlierPulls.get(collection) ?? [];
      if (earlier.length > 0 && chance(faults.stalePull)) {
        counts.stalePull += 1;
        return new Response(earlier[Math.floor(random() * earlier.length)], { status: 200, headers: { 'content-type': 'application/json' } });
      }
    }
    if (chance(faults.duplicate)) {
      counts.duplicate += 1;
      await deliver().then((answer) => answer.text()).catch(() => undefined);
    }
    const answer = await deliver();
    const text = await answer.text();
    if (isPull && answer.ok) {
      const list = earlierPulls.get(exchange.url.pathname) ?? [];
      list.push(text);
      earlierPulls.set(exchange.url.pathname, list.slice(-5));
    }
    if (isPush && exchange.body !== undefined) {
      // Replayed without the original's timeout signal, which has long fired by then.
      earlierPushes.push({ url: exchange.url.toString(), init: { method: 'POST', body: exchange.body, headers: exchange.init.headers } });
    }
    if (chance(faults.dropAnswer)) {
      counts.dropAnswer += 1;
      return networkDown();
    }
    return new Response(text, { status: answer.status, headers: answer.headers });
  };
  return { fetch: networkWith(rule, base), counts };
}

