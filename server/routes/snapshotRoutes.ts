// A new desk's first sync (shared/schema/sync.ts, "a snapshot, door first"): open a snapshot,
// then read its parts page by page. Same device token and venue isolation as every /sync
// route: the token decides the venue, nothing in a request can name another one.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireDevice } from '../auth/requestAuth';
import { sendRefusal } from '../errors';
import { openSnapshot, readSnapshotPage } from '../sync/snapshot';
import { syncRoutes } from '../../shared/schema/syncContract';

export function registerSnapshotRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(syncRoutes.snapshotStart.path, async (request, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    return reply.send(await openSnapshot(context.db, device.venue, context.now()));
  });

  app.get<{ Params: { part: string } }>(syncRoutes.snapshotPage.path, async (request, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    const page = await readSnapshotPage(context.db, device.venue, request.params.part, request.query, context.now());
    if (!page.ok) return sendRefusal(reply, page.refusal);
    return reply.type('application/json; charset=utf-8').send(page.json);
  });
}
