// Pairing a desk with a venue's endpoint (SPEC "Setting up"): the address and device token are
// checked with one test call (`GET /sync/hello`) before anything is stored, and the answer
// says in people's words what to fix: the address, the token, or the venue.
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';
import type { Venue } from '../../shared/schema/records';
import type { HelloResponse } from '../../shared/schema/sync';
import type { EndpointSettings, FetchFunction } from './syncEndpoint';
import { SyncEndpoint } from './syncEndpoint';
import { venueMismatchLine } from './syncProblems';

export type PairingCheck =
  | { ok: true; hello: HelloResponse }
  | { ok: false; refusal: Refusal<'endpoint-unreachable' | 'endpoint-refused'>; venueMismatch: boolean };

export async function checkPairing(settings: EndpointSettings, heldVenue: Venue | null, options: { fetch?: FetchFunction; timeoutMs?: number } = {}): Promise<PairingCheck> {
  const endpoint = new SyncEndpoint(settings, { timeoutMs: options.timeoutMs ?? 10_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const answer = await endpoint.hello();
  if (!answer.ok) {
    const { failure } = answer;
    switch (failure.kind) {
      case 'refused':
        return refused(refuse('endpoint-refused'), `The endpoint refused this device token (${failure.message}). Check the token, or ask the venue's admin for a new one.`);
      case 'unreachable':
        return refused(refuse('endpoint-unreachable'), `No answer from ${settings.url} (${failure.message}). Check the address and the network.`);
      case 'server-error':
        return refused(refuse('endpoint-unreachable'), `The endpoint at ${settings.url} has a problem (${failure.message}). Try again later.`);
      case 'rejected':
      case 'bad-answer':
        return refused(refuse('endpoint-unreachable'), `${settings.url} does not answer like a box-office sync endpoint (${failure.message}). Check the address.`);
    }
  }
  const served = answer.value.venue;
  if (heldVenue && heldVenue.id !== served.id) {
    return refused(refuse('endpoint-refused'), venueMismatchLine(heldVenue.id, served.id), true);
  }
  return { ok: true, hello: answer.value };
}

function refused(refusal: Refusal<'endpoint-unreachable' | 'endpoint-refused'>, message: string, venueMismatch = false): PairingCheck {
  return { ok: false, refusal: { ...refusal, message }, venueMismatch };
}
