// The Fastify application: routes, limits, and the one error boundary. Stateless: all state
// is in the database, so any number of these can run behind a load balancer.
import Fastify from 'fastify';
import type { FastifyHttpOptions, FastifyHttpsOptions, FastifyInstance, FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { SyncErrorResponse } from '../shared/schema/syncContract';
import type { ServerContext } from './serverContext';
import { refusal, refusalOfThrown, sendRefusal } from './errors';
import { registerAccessHook } from './auth/accessHook';
import { registerBodyParsers } from './http/bodyParsers';
import { answerClientError } from './http/clientErrors';
import { registerSyncRoutes } from './routes/syncRoutes';
import { registerStreamRoute } from './routes/streamRoute';
import { registerAdminRoutes } from './routes/adminRoutes';
import { registerStaffRoutes } from './routes/staffRoutes';
import { registerSnapshotRoutes } from './routes/snapshotRoutes';
import { registerPairingRoute } from './routes/pairingRoute';
import { syncRoutes } from '../shared/schema/syncContract';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** A body of N bytes is written about three times: the row, its indexes, the write-ahead log. */
const WRITE_AMPLIFICATION = 3;

/** Requests that write to the database: every POST, and opening a snapshot (it brings pass summaries up to date). */
function writes(request: FastifyRequest): boolean {
  return request.method === 'POST' || request.routeOptions.url === syncRoutes.snapshotStart.path;
}

/** A venue hub serves its desks over TLS with its own certificate (server/hub/hubCertificate.ts). */
export type TlsIdentity = { key: string; cert: string };

function heardFrom(context: ServerContext, request: FastifyRequest): void {
  const caller = request.caller;
  if (caller?.kind === 'device') context.presence.heard(caller.device.venue.id, caller.device.deviceId, context.now());
  else if (caller?.kind === 'identified') context.presence.heard(caller.identified.identity.venueId, caller.identified.identity.deviceId, context.now());
}

export async function buildSyncApp(context: ServerContext, log: false | LogLevel, tls?: TlsIdentity): Promise<FastifyInstance> {
  const { timeouts } = context;
  // Node checks the request and header timeouts this often (30 s by default, which let a
  // 30 s timeout cut a connection only after about 90 s).
  const nodeServer = { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs) };
  const options: FastifyHttpOptions<Server> = {
    logger: log === false ? false : { level: log },
    bodyLimit: context.bodyLimits.other,
    // Nobody may hold a connection by sending slowly (issue 12, finding 2: with these at 0,
    // 20 slow bodies were all still open after 100 s). A request without a valid token never
    // gets this far: it is answered and closed before its body is read (auth/accessHook.ts).
    requestTimeout: timeouts.requestMs,
    connectionTimeout: Math.max(timeouts.idleMs, 3 * context.heartbeatMs),
    keepAliveTimeout: timeouts.keepAliveMs,
    http: nodeServer,
    // Open streams are ended by the preClose hook; sockets still open after that are cut.
    forceCloseConnections: true,
    // A venue id may be 200 characters (shared/schema/records.ts), each up to 12 once
    // percent-encoded; Fastify's default of 100 refused long ids before any route saw them.
    routerOptions: { maxParamLength: 2_400 },
    // A URL that cannot be decoded, or too long a part of it, is refused before routing:
    // in the endpoint's words too, not Fastify's; so is what Node's HTTP parser refuses.
    frameworkErrors: (error, _request, reply) => sendRefusal(reply, refusalOfThrown(error)),
    clientErrorHandler: answerClientError,
  };
  // Over TLS (a venue hub) Node's HTTPS server takes the same server options with the key and
  // certificate; Fastify types that instance apart, but its routes and hooks are the same.
  const app = tls
    ? (Fastify({ ...options, http: undefined, https: { ...nodeServer, key: tls.key, cert: tls.cert } } as FastifyHttpsOptions<HttpsServer>) as unknown as FastifyInstance)
    : Fastify(options);

  registerBodyParsers(app);
  await registerAccessHook(app, context, context.failedAuthLimit);
  // A request that writes waits for room on the disk: refused rather than issued when there is
  // none (server/storage/storageGuard.ts). After the token: nothing is told to a stranger.
  app.addHook('onRequest', async (request, reply) => {
    if (!writes(request)) return;
    const room = await context.storage.beforeWrite(WRITE_AMPLIFICATION * (Number(request.headers['content-length']) || 0));
    if (!room.ok) return sendRefusal(reply, refusal('storage-full', room.message));
  });
  app.addHook('onResponse', async (request, reply) => {
    // A desk whose request was answered is heard (deskPresence.ts); one refused is not.
    if (reply.statusCode < 400) heardFrom(context, request);
    if (writes(request) && reply.statusCode < 400) context.storage.noteWritten();
  });

  app.setErrorHandler((error, request, reply) => {
    const refused = refusalOfThrown(error);
    if (refused.error === 'internal') request.log.error(error);
    if (refused.error === 'storage-full') context.storage.noteFull(refused.message);
    return sendRefusal(reply, refused);
  });
  app.setNotFoundHandler((request, reply) => sendRefusal(reply, refusal('not-found', `there is no ${request.method} ${request.url.split('?')[0]} here`)));

  app.addHook('preClose', async () => {
    await context.feed.close();
  });

  // For load balancers: this replica is up, has room to write, and reaches the database. No token, no data.
  app.get('/healthz', async (request, reply) => {
    const room = await context.storage.check();
    if (!room.ok) {
      const body: SyncErrorResponse = refusal('storage-full', room.message);
      return reply.code(503).type('application/json; charset=utf-8').send(body);
    }
    try {
      await context.db.query('SELECT 1');
      return reply.send({ status: 'ok' });
    } catch (error) {
      request.log.warn(error, 'health check: the database is not reachable');
      return sendRefusal(reply, refusal('unavailable', 'the database cannot be reached'));
    }
  });

  registerSyncRoutes(app, context);
  registerSnapshotRoutes(app, context);
  registerStreamRoute(app, context);
  registerAdminRoutes(app, context);
  registerStaffRoutes(app, context);
  registerPairingRoute(app, context);
  return app;
}
