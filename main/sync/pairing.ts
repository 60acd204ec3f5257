// Pairing a desk with a venue's endpoint (SPEC "Setting up"): the address and device token are
// checked with one test call (`GET /sync/hello`) before anything is stored, and the answer
// says, as a note the renderer puts in words, what to fix: the address, the token, or the venue.
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';
import type { Venue } from '../../shared/schema/records';
import type { HelloResponse } from '../../shared/schema/syncContract';
import type { EndpointFailure, EndpointSettings, FetchFunction } from './syncEndpoint';
import { SyncEndpoint } from './syncEndpoint';
import type { DeskNote } from '../../shared/rules/deskNotes';
import type { DeskClock } from '../state/deskClock';

export type PairingCheck =
  | { ok: true; hello: HelloResponse }
  /** `failure`: what the endpoint answered (its code, the wait it asked for); null when it answered but serves another venue. */
  | { ok: false; refusal: Refusal<'endpoint-unreachable' | 'endpoint-refused'>; venueMismatch: boolean; failure: EndpointFailure | null };

export type PairingCheckOptions = {
  fetch?: FetchFunction;
  timeoutMs?: number;
  /** Measured against the endpoint's time in the answer (SPEC "Clocks"). */
  clock?: DeskClock;
};

export async function checkPairing(settings: EndpointSettings, heldVenue: Venue | null, options: PairingCheckOptions = {}): Promise<PairingCheck> {
  const endpoint = new SyncEndpoint(settings, { timeoutMs: options.timeoutMs ?? 10_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const sentMs = options.clock?.wallNow();
  const answer = await endpoint.hello();
  if (answer.ok && options.clock && sentMs !== undefined && answer.value.serverTime !== undefined) {
    options.clock.measured(Date.parse(answer.value.serverTime), sentMs, options.clock.wallNow());
  }
  if (!answer.ok) {
    const { failure } = answer;
    // A note (the renderer's words); what the network or the endpoint said goes behind "Details".
    const details = failure.message;
    switch (failure.kind) {
      case 'refused':
        return refused(refuse('endpoint-refused'), { note: 'token-refused' }, details, failure);
      case 'unreachable':
        return refused(refuse('endpoint-unreachable'), { note: 'endpoint-no-answer' }, details, failure);
      case 'untrusted':
        return refused(refuse('endpoint-refused'), { note: 'hub-untrusted-pairing' }, details, failure);
      case 'server-error':
        return refused(refuse('endpoint-unreachable'), { note: 'endpoint-trouble' }, details, failure);
      case 'limited':
        return refused(refuse('endpoint-refused'), { note: 'token-attempts-limited' }, details, failure);
      case 'rejected':
      case 'bad-answer':
        return refused(refuse('endpoint-unreachable'), { note: 'not-an-endpoint' }, details, failure);
    }
  }
  const served = answer.value.venue;
  if (heldVenue && heldVenue.id !== served.id) {
    return refused(refuse('endpoint-refused'), { note: 'venue-mismatch', held: heldVenue.id, served: served.id }, null, null, true);
  }
  return { ok: true, hello: answer.value };
}

function refused(refusal: Refusal<'endpoint-unreachable' | 'endpoint-refused'>, note: DeskNote, details: string | null, failure: EndpointFailure | null, venueMismatch = false): PairingCheck {
  return { ok: false, refusal: { ...refusal, note, ...(details ? { details } : {}) }, venueMismatch, failure };
}

/**
 * Asks the endpoint its time and measures this computer's clock by it (a paired desk does so
 * every few minutes, so that a clock set right, or set wrong, is seen soon). False: no answer.
 */
export async function measureClock(settings: EndpointSettings, clock: DeskClock, options: { fetch?: FetchFunction; timeoutMs?: number } = {}): Promise<boolean> {
  const check = await checkPairing(settings, null, { ...options, clock });
  return check.ok && check.hello.serverTime !== undefined;
}
