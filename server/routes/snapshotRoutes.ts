// A new desk's first sync (shared/schema/sync.ts, "a snapshot, door first"): open a snapshot,
// then read its parts page by page. Same device token and venue isolation as every /sync
// route: the token decides the venue, nothing in a request can name another one. Registered
// from the contract (contractRoute.ts), which parses the page's query. The history comes
// ready as bundles too (server/sync/historyBundles.ts): made when a snapshot opens, so that
// they are ready by the time its desk has taken the door's parts.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireDevice } from '../auth/requestAuth';
import { sendRefusal } from '../errors';
import { refusal } from '../errors';
import { openSnapshot, readSnapshotPage, unknownPart } from '../sync/snapshot';
import { committedSeq } from '../db/snapshotPages';
import { historyBundlesPageJson } from '../sync/historyBundles';

/** How long a request waits for bundles still being made before it is asked to come again (a desk gives up on a request after 15 s). */
const READY_WAIT_MS = 5_000;
const ASK_AGAIN_S = 2;
import { registerContractRoute } from './contractRoute';

export function registerSnapshotRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'snapshotStart', {}, async ({ raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const start = await openSnapshot(context.db, device.venue, context.now());
    // Made now, while the desk takes the door's parts; a failure here is the history request's to report.
    context.historyBundles.at(device.venue.id, start.seqs.ledger).catch(() => undefined);
    return reply.send(start);
  });

  registerContractRoute(app, 'snapshotHistoryBundles', {}, async ({ query, raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const served = await committedSeq(context.db, device.venue.id) ?? 0;
    if (query.seq > served) {
      return sendRefusal(reply, refusal('snapshot-seq-ahead', `seq ${query.seq} is ahead of this endpoint (the venue's last change has seq ${served}): open a snapshot again (GET /sync/snapshot) and read it at the seqs it gives`));
    }
    const bundles = await readyWithin(context.historyBundles.at(device.venue.id, query.seq), READY_WAIT_MS);
    if (bundles === null) {
      reply.header('retry-after', String(ASK_AGAIN_S));
      return sendRefusal(reply, refusal('unavailable', 'the history of this snapshot is still being made ready; ask again shortly'));
    }
    return reply.type('application/json; charset=utf-8').send(historyBundlesPageJson(bundles, query.after ?? 0));
  });

  registerContractRoute(app, 'snapshotPage', { unknownParams: unknownPart }, async ({ params, query, raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const page = await readSnapshotPage(context.db, device.venue, params.part, query, context.now());
    if (!page.ok) return sendRefusal(reply, page.refusal);
    return reply.type('application/json; charset=utf-8').send(page.json);
  });
}

/** The value if it settles within `ms`, else null (it goes on settling for whoever asks next). */
async function readyWithin<T>(value: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([value, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
