// A new desk's first sync (shared/schema/sync.ts, "a snapshot, door first"): open a snapshot,
// then read its parts page by page. Same device token and venue isolation as every /sync
// route: the token decides the venue, nothing in a request can name another one. Registered
// from the contract (contractRoute.ts), which parses the page's query.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireDevice } from '../auth/requestAuth';
import { sendRefusal } from '../errors';
import { openSnapshot, readSnapshotPage, unknownPart } from '../sync/snapshot';
import { registerContractRoute } from './contractRoute';

export function registerSnapshotRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'snapshotStart', {}, async ({ raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    return reply.send(await openSnapshot(context.db, device.venue, context.now()));
  });

  registerContractRoute(app, 'snapshotPage', { unknownParams: unknownPart }, async ({ params, query, raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const page = await readSnapshotPage(context.db, device.venue, params.part, query, context.now());
    if (!page.ok) return sendRefusal(reply, page.refusal);
    return reply.type('application/json; charset=utf-8').send(page.json);
  });
}
