// The Fastify application: routes, body limits, and the one error boundary. Stateless: all
// state is in the database, so any number of these can run behind a load balancer.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './serverContext';
import { refusal, refusalOfThrown, sendRefusal } from './errors';
import { registerSyncRoutes } from './routes/syncRoutes';
import { registerStreamRoute } from './routes/streamRoute';
import { registerAdminRoutes } from './routes/adminRoutes';
import { registerSnapshotRoutes } from './routes/snapshotRoutes';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export function buildSyncApp(context: ServerContext, log: false | LogLevel): FastifyInstance {
  const app = Fastify({
    logger: log === false ? false : { level: log },
    bodyLimit: context.bodyLimits.other,
    // Open streams are ended by the preClose hook; sockets still open after that are cut.
    forceCloseConnections: true,
    // A venue id may be 200 characters (shared/schema/records.ts), each up to 12 once
    // percent-encoded; Fastify's default of 100 refused long ids before any route saw them.
    routerOptions: { maxParamLength: 2_400 },
    // A URL that cannot be decoded, or too long a part of it, is refused before routing:
    // in the endpoint's words too, not Fastify's.
    frameworkErrors: (error, _request, reply) => sendRefusal(reply, refusalOfThrown(error)),
  });

  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error, request, reply) => {
    const refused = refusalOfThrown(error);
    if (refused.error === 'internal') request.log.error(error);
    return sendRefusal(reply, refused);
  });
  app.setNotFoundHandler((request, reply) => sendRefusal(reply, refusal('not-found', `there is no ${request.method} ${request.url.split('?')[0]} here`)));

  app.addHook('preClose', async () => {
    await context.feed.close();
  });

  // For load balancers: this replica is up and reaches the database. No token, no data.
  app.get('/healthz', async (request, reply) => {
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
  return app;
}
