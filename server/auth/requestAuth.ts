// Who is asking: every /sync request carries a device token (`Authorization: Bearer …`) that
// decides its venue; every /admin request carries the admin token. The token is checked in
// an `onRequest` hook (accessHook.ts), before a byte of the body is read; the routes then ask
// for what it found. Revocation is checked on every request against the database (a push's in
// its own statement, see deviceIdentities.ts), so a revoked token is refused at once by every
// server process.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../serverContext';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import type { AuthenticatedDevice } from './devices';
import { authenticateTokenHash } from './devices';
import type { DeviceIdentity } from './deviceIdentities';
import { isAdminToken } from './adminToken';
import { bearerToken, hashToken } from './tokens';
import type { PairingOffer } from '../hub/pairingOffers';
import { readPairingAuthorization } from '../../shared/sync/hubPairingCode';

const missingToken = refusal('missing-token', 'this endpoint needs a device token: send "Authorization: Bearer <token>" (issue one with: npm run server -- device issue <venue>)');

export const tokenRevoked = refusal('token-revoked', 'this device token was revoked: pair the desk again with a new token');

const invalidToken = refusal('invalid-token', 'this device token is not known to this server: check the token, or pair the desk again');

const adminTokenRequired = refusal('admin-token-required', 'admin endpoints need the admin token: send "Authorization: Bearer <admin token>"');

const invalidAdminToken = refusal('invalid-admin-token', 'this is not the admin token of this server');

/** A pushing device as remembered: its revocation is checked by the push's own statement. */
export type IdentifiedDevice = { identity: DeviceIdentity; forget(): void };

/** What the access hook found, kept on the request for its route. */
export type Caller =
  | { kind: 'device'; device: AuthenticatedDevice }
  | { kind: 'identified'; identified: IdentifiedDevice }
  | { kind: 'admin' }
  /** A desk that proved it knows a short pairing code the hub shows (hub/pairingOffers.ts): the offer, taken. */
  | { kind: 'pairing'; offer: PairingOffer; nonce: string };

export type AccessCheck = { ok: true; caller: Caller } | { ok: false; refusal: Refusal };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** The device of a token, checked against the database now. */
export async function checkDevice(context: ServerContext, request: FastifyRequest): Promise<AccessCheck> {
  const token = bearerToken(request.headers.authorization);
  if (!token) return { ok: false, refusal: missingToken };
  const tokenHash = hashToken(token);
  const checked = await authenticateTokenHash(context.db, tokenHash);
  if (checked.ok) {
    context.identities.remember(tokenHash, { deviceId: checked.device.deviceId, venueId: checked.device.venue.id });
    return { ok: true, caller: { kind: 'device', device: checked.device } };
  }
  context.identities.forget(tokenHash);
  return { ok: false, refusal: checked.error === 'token-revoked' ? tokenRevoked : invalidToken };
}

/**
 * The device and venue of the request's token, remembered from an earlier full check when
 * there was one: NOT checked for revocation then. Only for a route whose statement checks
 * revocation itself (a push); it calls `forget` when that check fails.
 */
export async function checkIdentity(context: ServerContext, request: FastifyRequest): Promise<AccessCheck> {
  const token = bearerToken(request.headers.authorization);
  const tokenHash = token ? hashToken(token) : null;
  const remembered = tokenHash === null ? undefined : context.identities.get(tokenHash);
  const forget = () => {
    if (tokenHash !== null) context.identities.forget(tokenHash);
  };
  if (remembered) return { ok: true, caller: { kind: 'identified', identified: { identity: remembered, forget } } };
  const checked = await checkDevice(context, request);
  if (!checked.ok || checked.caller.kind !== 'device') return checked;
  const { deviceId, venue } = checked.caller.device;
  return { ok: true, caller: { kind: 'identified', identified: { identity: { deviceId, venueId: venue.id }, forget } } };
}

export async function checkAdmin(context: ServerContext, request: FastifyRequest): Promise<AccessCheck> {
  const token = bearerToken(request.headers.authorization);
  if (!token) return { ok: false, refusal: adminTokenRequired };
  if (await isAdminToken(context.db, context.adminToken, token)) return { ok: true, caller: { kind: 'admin' } };
  return { ok: false, refusal: invalidAdminToken };
}

/** The device of the request, fully checked (by the access hook, or now); or null after a 401 has been sent. */
export async function requireDevice(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedDevice | null> {
  if (request.caller?.kind === 'device') return request.caller.device;
  const checked = await checkDevice(context, request);
  if (checked.ok && checked.caller.kind === 'device') {
    request.caller = checked.caller;
    return checked.caller.device;
  }
  sendRefusal(reply, checked.ok ? invalidToken : checked.refusal);
  return null;
}

/** The device of the request as the access hook identified it (see checkIdentity); or null after a 401. */
export async function identifyDevice(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<IdentifiedDevice | null> {
  if (request.caller?.kind === 'identified') return request.caller.identified;
  const checked = await checkIdentity(context, request);
  if (checked.ok && checked.caller.kind === 'identified') return checked.caller.identified;
  sendRefusal(reply, checked.ok ? invalidToken : checked.refusal);
  return null;
}

/** True for a request with the admin token; otherwise a 401 has been sent. */
export async function requireAdmin(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.caller?.kind === 'admin') return true;
  const checked = await checkAdmin(context, request);
  if (checked.ok) return true;
  sendRefusal(reply, checked.refusal);
  return false;
}

const noPairingHere = refusal('not-found', 'this endpoint shows no pairing codes: only a venue hub does');
const invalidPairingCode = refusal('invalid-pairing-code', 'this code is not one the hub shows now: check it, or show a new one at the hub');

/** A claim of a short pairing code: its proof (`Authorization: Pairing <nonce>.<proof>`) fits a code the hub shows now. */
export async function checkPairingClaim(context: ServerContext, request: FastifyRequest): Promise<AccessCheck> {
  if (!context.pairing) return { ok: false, refusal: noPairingHere };
  const claim = readPairingAuthorization(request.headers.authorization);
  const offer = claim ? context.pairing.claim(claim.nonce, claim.proof) : null;
  if (!claim || !offer) return { ok: false, refusal: invalidPairingCode };
  return { ok: true, caller: { kind: 'pairing', offer, nonce: claim.nonce } };
}
