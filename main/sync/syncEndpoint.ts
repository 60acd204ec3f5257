// The desk's client of the sync endpoint: the shared one (shared/sync/syncEndpoint.ts) on
// Node's fetch unless told another (a test's faulty network); for a venue hub whose certificate
// the desk pinned, on a fetch that talks only to that certificate (pinnedFetch.ts).
import type { EndpointSettings, FetchFunction } from '../../shared/sync/syncEndpoint';
import { SyncEndpoint as EndpointClient } from '../../shared/sync/syncEndpoint';
import { pinnedFetch } from './pinnedFetch';

export * from '../../shared/sync/syncEndpoint';

/** One agent per pinned certificate, so that connections to the hub are kept alive between requests. */
const pinnedFetches = new Map<string, FetchFunction>();

function fetchFor(settings: EndpointSettings): FetchFunction {
  if (settings.certificate === undefined) return (url, init) => fetch(url, init);
  let pinned = pinnedFetches.get(settings.certificate);
  if (!pinned) {
    pinned = pinnedFetch(settings.certificate);
    pinnedFetches.set(settings.certificate, pinned);
  }
  return pinned;
}

export class SyncEndpoint extends EndpointClient {
  constructor(settings: EndpointSettings, options: { fetch?: FetchFunction; timeoutMs?: number } = {}) {
    super(settings, { fetch: options.fetch ?? fetchFor(settings), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  }
}
