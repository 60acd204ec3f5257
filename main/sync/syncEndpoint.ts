// The desk's client of the sync endpoint: the shared one (shared/sync/syncEndpoint.ts) on
// Node's fetch unless told another (a test's faulty network, a hub's pinned certificate).
import type { EndpointSettings, FetchFunction } from '../../shared/sync/syncEndpoint';
import { SyncEndpoint as EndpointClient } from '../../shared/sync/syncEndpoint';

export * from '../../shared/sync/syncEndpoint';

export class SyncEndpoint extends EndpointClient {
  constructor(settings: EndpointSettings, options: { fetch?: FetchFunction; timeoutMs?: number } = {}) {
    super(settings, { fetch: options.fetch ?? ((url, init) => fetch(url, init)), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  }
}
