// A route of the sync contract (shared/schema/syncContract.ts) registered from it: its method
// and path, and its query and body parsed once, here, with the contract's schemas, so that a
// handler receives them typed and never parses them again. A query or body that is not the
// route's is refused with `invalid-query` / `invalid-body`, the route's usage and the problems
// by field. The token was checked before any of it (auth/accessHook.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteBody, RouteParams, RouteQuery, SyncRouteName } from '../../shared/schema/syncContract';
import { contractRoutes } from '../../shared/schema/syncContract';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import { MAX_PROBLEMS, problemsOfIssues, summaryOf } from '../sync/documentProblems';

export type ContractRequest<N extends SyncRouteName> = {
  params: RouteParams<N>;
  query: RouteQuery<N>;
  body: RouteBody<N>;
  /** Fastify's request, for what is not the route's input (its caller, its content type, its log). */
  raw: FastifyRequest;
};

export type ContractRouteOptions<N extends SyncRouteName> = {
  bodyLimit?: number;
  /** The refusal of path parameters that are not the route's (an unknown collection, by its own code); `not-found` if not given. */
  unknownParams?: (params: Record<string, string>) => Refusal;
  /** A further refusal of the path's parameters, before the query and body are read; null to go on. */
  checkParams?: (params: RouteParams<N>) => Refusal | null;
  /** How a refusal is sent, where that is more than sending it (a push tells a revoked token first). */
  refuse?: (request: FastifyRequest, reply: FastifyReply, refused: Refusal) => Promise<FastifyReply>;
};

export function registerContractRoute<N extends SyncRouteName>(
  app: FastifyInstance,
  name: N,
  options: ContractRouteOptions<N>,
  handler: (request: ContractRequest<N>, reply: FastifyReply) => Promise<FastifyReply>,
): void {
  const route = contractRoutes[name];
  app.route<{ Params: Record<string, string> }>({
    method: route.method,
    url: route.path,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    handler: async (request, reply) => {
      const refuse = (refused: Refusal) => (options.refuse ? options.refuse(request, reply, refused) : sendRefusal(reply, refused));
      const params = route.params.safeParse(request.params);
      if (!params.success) return refuse(options.unknownParams?.(request.params) ?? refusal('not-found', `there is no ${request.method} ${request.url.split('?')[0]} here`));
      const early = options.checkParams?.(params.data);
      if (early) return refuse(early);
      const usage = 'usage' in route ? route.usage : 'this route';
      const query = route.query.safeParse(request.query);
      if (!query.success) {
        const problems = problemsOfIssues(query.error.issues.slice(0, MAX_PROBLEMS), []);
        return refuse(refusal('invalid-query', `${usage}: ${summaryOf(problems)}`, problems));
      }
      const body = route.body.safeParse(request.body);
      if (!body.success) {
        const problems = problemsOfIssues(body.error.issues.slice(0, MAX_PROBLEMS), []);
        return refuse(refusal('invalid-body', `${usage}: ${summaryOf(problems)}`, problems));
      }
      return handler({ params: params.data, query: query.data, body: body.data, raw: request }, reply);
    },
  });
}
