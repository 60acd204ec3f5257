// A new desk's first sync (shared/schema/sync.ts, "a snapshot, door first"): open a snapshot,
// then read its parts page by page. Same device token and venue isolation as every /sync
// route: the token decides the venue, nothing in a request can name another one. Registered
// from the contract (contractRoute.ts), which parses the page's query. Every part comes ready
// as bundles too (server/sync/readySnapshots.ts): made when a snapshot opens, door first, and
// kept for the venue's next snapshots while they are near enough.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireDevice } from '../auth/requestAuth';
import { sendRefusal } from '../errors';
import { refusal } from '../errors';
import { bundlesQueryRefusal, readSnapshotPage, seqAhead, unknownPart } from '../sync/snapshot';
import { bundlesPageJson } from '../sync/readySnapshots';

/** How long a request waits for bundles still being made before it is asked to come again (a desk gives up on a request after 15 s). */
const READY_WAIT_MS = 5_000;
const ASK_AGAIN_S = 2;
import { registerContractRoute } from './contractRoute';

export function registerSnapshotRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'snapshotStart', {}, async ({ raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    // The venue's snapshot held, or a new one whose bundles are made from now on, while the desk asks for them.
    return reply.send(await context.readySnapshots.open(device.venue, context.now()));
  });

  registerContractRoute(app, 'snapshotBundles', { unknownParams: unknownPart }, async ({ params, query, raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const { part } = params;
    const refused = bundlesQueryRefusal(part, query.since, context.now(), device.venue.timeZone) ?? await seqAhead(context.db, device.venue.id, part, query.seq);
    if (refused) return sendRefusal(reply, refused);
    const key = { part, seq: query.seq, ...(query.since === undefined ? {} : { since: query.since }) };
    const bundles = await readyWithin(context.readySnapshots.bundles(device.venue.id, key), READY_WAIT_MS);
    if (bundles === null) {
      reply.header('retry-after', String(ASK_AGAIN_S));
      return sendRefusal(reply, refusal('unavailable', `the ${part} of this snapshot are still being made ready; ask again shortly`));
    }
    return reply.type('application/json; charset=utf-8').send(bundlesPageJson(bundles, query.after ?? 0));
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
