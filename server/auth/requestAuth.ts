// Who is asking: every /sync request carries a device token (`Authorization: Bearer …`) that
// decides its venue; every /admin request carries the admin token. Checked on every request,
// against the database, so a revoked token is refused at once by every server process.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../serverContext';
import { refusal, sendRefusal } from '../errors';
import type { AuthenticatedDevice } from './devices';
import { authenticateDevice } from './devices';
import { isAdminToken } from './adminToken';
import { bearerToken } from './tokens';

/** The device of the request, or null after a 401 has been sent. */
export async function requireDevice(context: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedDevice | null> {
  const token = bearerToken(request.headers.authorization);
  if (!token) {
    sendRefusal(reply, refusal('missing-token', 'this endpoint needs a device token: send "Authorization: Bearer <token>" (issue one with: npm run server -- device issue <venue>)'));
    return null;
  }
  const checked = await authenticateDevice(context.db, token);
  if (checked.ok) return checked.device;
  sendRefusal(reply, checked.error === 'token-revoked'
    ? refusal('token-revoked', 'this device token was revoked: pair the desk again with a new token')
    : refusal('invalid-token', 'this device token is not known to this server: check the token, or pair the desk again'));
  return null;
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
