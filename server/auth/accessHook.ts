// The token of every request is checked before its body is read: an `onRequest` hook, for
// /sync and /admin alike. A request without a valid token is answered 401 at once with
// `Connection: close`, so that nobody without a token can make the endpoint parse, wait for or
// hold a body (issue 12, finding 2: a 2.4-million-deep body without a token took 7 s of the
// one thread; slow bodies were never cut). Wrong tokens are counted per client address: past
// the limit the address is answered 429 `too-many-failed-attempts` without looking at its
// token, until the window ends.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ServerContext } from '../serverContext';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import type { AccessCheck } from './requestAuth';
import { checkAdmin, checkDevice, checkIdentity, checkPairingClaim } from './requestAuth';
import { syncRoutes } from '../../shared/schema/syncContract';

export type FailedAuthLimit = {
  /** Wrong or missing tokens one client address may send in a window before it is refused. */
  max: number;
  windowMs: number;
};

/** A desk sends its token on every request and never a wrong one; a person typing one in gets it right well within 30 tries a minute. */
export const defaultFailedAuthLimit: FailedAuthLimit = { max: 30, windowMs: 60_000 };

type Access = 'public' | 'unknown' | 'device' | 'pushing-device' | 'admin' | 'pairing-code';

const tokenOfPath = new Map<string, Access>(Object.values(syncRoutes).map((route) => [route.path, route.token]));

/** Which token a route needs, as the contract says. The routes are no secret (docs/sync-server.md): an address that is none is answered 404 at once. */
function accessOf(request: FastifyRequest): Access {
  const route = request.routeOptions.url;
  if (route === undefined) return 'unknown';
  if (route === '/healthz') return 'public';
  if (route === syncRoutes.push.path) return 'pushing-device';
  return tokenOfPath.get(route) ?? 'unknown';
}

const checks: Record<Exclude<Access, 'public' | 'unknown'>, (context: ServerContext, request: FastifyRequest) => Promise<AccessCheck>> = {
  device: checkDevice,
  'pushing-device': checkIdentity,
  admin: checkAdmin,
  // A wrong proof counts like a wrong token: a short code is guessed no faster than a token.
  'pairing-code': checkPairingClaim,
};

/** A revoked token was a real one: it is not a guess, and a desk that was revoked is not locked out of being told so. */
const isGuess = (refused: Refusal) => refused.error !== 'token-revoked';

export async function registerAccessHook(app: FastifyInstance, context: ServerContext, limit: FailedAuthLimit): Promise<void> {
  await app.register(rateLimit, { global: false });
  const failures = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs });
  app.decorateRequest('caller', null);

  app.addHook('onRequest', async (request, reply) => {
    const access = accessOf(request);
    if (access === 'public') return;
    if (access === 'unknown') return refuseEarly(reply, refusal('not-found', `there is no ${request.method} ${request.url.split('?')[0]} here`));
    const before = await failures(request, { increment: false });
    if (!before.isAllowed && before.remaining === 0) {
      reply.header('retry-after', String(Math.max(1, before.ttlInSeconds)));
      return refuseEarly(reply, refusal('too-many-failed-attempts', `too many wrong or missing tokens came from this address; try again in ${Math.max(1, before.ttlInSeconds)} s`));
    }
    const checked = await checks[access](context, request);
    if (checked.ok) {
      request.caller = checked.caller;
      return;
    }
    if (isGuess(checked.refusal)) await failures(request);
    return refuseEarly(reply, checked.refusal);
  });
}

/** Answered before the body is read: the connection is closed after it, so an unread body cannot hold it open. */
function refuseEarly(reply: FastifyReply, refused: Refusal): FastifyReply {
  reply.header('connection', 'close');
  return sendRefusal(reply, refused);
}
