// Who is asking: every /sync request carries a device token (`Authorization: Bearer …`) that
// decides its venue; every /admin request carries the admin token. Revocation is checked on
// every request against the database (a push's in its own statement, see deviceIdentities.ts),
// so a revoked token is refused at once by every server process.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../serverContext';
import { refusal, sendRefusal } from '../errors';
import type { AuthenticatedDevice } from './devices';
import { authenticateTokenHash } from './devices';
import type { DeviceIdentity } from './deviceIdentities';
import { isAdminToken } from './adminToken';
import { bearerToken, hashToken } from './tokens';

const missingToken = refusal('missing-token', 'this endpoint needs a device token: send "Authorization: Bearer <token>" (issue one with: npm run server -- device issue <venue>)');

export const tokenRevoked = refusal('token-revoked', 'this device token was revoked: pair the desk again with a new token');

const invalidToken = refusal('invalid-token', 'this device token is not known to this server: check the token, or pair the desk again');

/** The device of the request, checked against the database now; or null after a 401 has been sent. */
export async function requireDevice(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedDevice | null> {
  const token = bearerToken(request.headers.authorization);
  if (!token) {
    sendRefusal(reply, missingToken);
    return null;
  }
  const tokenHash = hashToken(token);
  const checked = await authenticateTokenHash(context.db, tokenHash);
  if (checked.ok) {
    context.identities.remember(tokenHash, { deviceId: checked.device.deviceId, venueId: checked.device.venue.id });
    return checked.device;
  }
  context.identities.forget(tokenHash);
  sendRefusal(reply, checked.error === 'token-revoked' ? tokenRevoked : invalidToken);
  return null;
}

/**
 * The device and venue of the request's token, remembered from an earlier full check when
 * there was one: NOT checked for revocation then. Only for a route whose statement checks
 * revocation itself (a push); it calls `forget` when that check fails. Null after a 401.
 */
export async function identifyDevice(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<{ identity: DeviceIdentity; forget(): void } | null> {
  const token = bearerToken(request.headers.authorization);
  const tokenHash = token ? hashToken(token) : null;
  const remembered = tokenHash === null ? undefined : context.identities.get(tokenHash);
  const identity = remembered ?? (await requireDevice(context, request, reply).then((device) => device && { deviceId: device.deviceId, venueId: device.venue.id }));
  return identity ? { identity, forget: () => context.identities.forget(tokenHash!) } : null;
}

/** True for a request with the admin token; otherwise a 401 has been sent. */
export async function requireAdmin(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const token = bearerToken(request.headers.authorization);
  if (!token) {
    sendRefusal(reply, refusal('admin-token-required', 'admin endpoints need the admin token: send "Authorization: Bearer <admin token>"'));
    return false;
  }
  if (await isAdminToken(context.db, context.adminToken, token)) return true;
  sendRefusal(reply, refusal('invalid-admin-token', 'this is not the admin token of this server'));
  return false;
}
