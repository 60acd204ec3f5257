// Pairing with a hub found on the network by the short code it shows (shared/sync/hubPairingCode.ts):
// the desk proves it knows the code over the certificate the hub shows (pinned, so the request
// reaches only that certificate), and takes the token only with the hub's proof that it knew
// the code too. The result is the same settings a long BOX1 code gives: address, token, pin.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EndpointFailure, EndpointSettings } from './syncEndpoint';
import { pinnedFetch } from './pinnedFetch';
import { requestRoute } from '../../shared/sync/syncRequest';
import { deskProofMessage, hubProofMessage, pairingAuthorization, readHubCode } from '../../shared/sync/hubPairingCode';

export type HubCodeClaim =
  | { ok: true; settings: EndpointSettings }
  /** not-a-code: not ten letters of the code's alphabet; wrong-code: the hub knows no such code now; impostor: it answered without knowing the code. */
  | { ok: false; reason: 'not-a-code' | 'wrong-code' | 'impostor' }
  | { ok: false; reason: 'failed'; failure: EndpointFailure };

const hmacHex = (code: string, message: string) => createHmac('sha256', code).update(message).digest('hex');

export async function claimHubCode(hub: { url: string; certificate: string }, typed: string, timeoutMs = 10_000): Promise<HubCodeClaim> {
  const code = readHubCode(typed);
  if (code === null) return { ok: false, reason: 'not-a-code' };
  const certificate = hub.certificate.toUpperCase();
  const nonce = randomBytes(16).toString('hex');
  const fetch = pinnedFetch(certificate);
  const answer = await requestRoute({
    base: new URL(hub.url.endsWith('/') ? hub.url : `${hub.url}/`),
    authorization: pairingAuthorization(nonce, hmacHex(code, deskProofMessage(certificate, nonce))),
    fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    timeoutMs,
  }, 'claimPairing', { params: {} });
  if (!answer.ok) {
    if (answer.failure.kind === 'refused' && answer.failure.code === 'invalid-pairing-code') return { ok: false, reason: 'wrong-code' };
    return { ok: false, reason: 'failed', failure: answer.failure };
  }
  const { token, proof } = answer.value;
  const expected = Buffer.from(hmacHex(code, hubProofMessage(certificate, nonce, token)), 'hex');
  const given = Buffer.from(proof, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'impostor' };
  return { ok: true, settings: { url: hub.url, token, certificate } };
}
