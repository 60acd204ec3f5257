// A desk's ordered list of endpoints (SPEC "The venue's network"): the venue hub first, the
// venue's internet server (upstream) second. A hub is the endpoint whose certificate the desk
// pinned when it paired (its code carries the fingerprint); upstream is the one it reaches
// with the ordinary certificates of the internet. Pairing with one kind keeps the other.
import type { EndpointSettings } from './syncEndpoint';

export type EndpointKind = 'hub' | 'upstream';

/** At most one of each kind, hub first. */
const order: readonly EndpointKind[] = ['hub', 'upstream'];

export function endpointKind(settings: EndpointSettings): EndpointKind {
  return settings.certificate === undefined ? 'upstream' : 'hub';
}

/** The list after pairing with `paired`: it replaces the endpoint of its kind and keeps the other. */
export function withPaired(list: readonly EndpointSettings[], paired: EndpointSettings): EndpointSettings[] {
  return ordered([...list.filter((settings) => endpointKind(settings) !== endpointKind(paired)), paired]);
}

/** The list without the endpoint of `kind` (an admin removed it in Setup). */
export function without(list: readonly EndpointSettings[], kind: EndpointKind): EndpointSettings[] {
  return list.filter((settings) => endpointKind(settings) !== kind);
}

/** Hub first, upstream second; of two of a kind (a damaged or hand-edited file), the first is kept. */
export function ordered(list: readonly EndpointSettings[]): EndpointSettings[] {
  return order.flatMap((kind) => list.filter((settings) => endpointKind(settings) === kind).slice(0, 1));
}
