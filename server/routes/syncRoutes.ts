// The desk's side of RxDB's replication protocol (shared/schema/sync.ts): hello, pull by
// checkpoint for every collection, push for the ledger only. The venue is always the device
// token's; nothing in a request can name another one.
import type { FastifyInstance } from 'fastify';
import type { SyncCheckpoint } from '../../shared/schema/sync';
import type { HelloResponse, PushResponse } from '../../shared/schema/syncContract';
import { pullQuerySchema, pushCollections, syncCollectionSchema, syncCollections } from '../../shared/schema/sync';
import type { ServerContext } from '../serverContext';
import { identifyDevice, requireDevice, tokenRevoked } from '../auth/requestAuth';
import { changesJson, checkpointOf, countDocuments, readChanges } from '../db/documents';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import { problemsOfIssues, summaryOf } from '../sync/documentProblems';
import { checkPush, pushLedgerEntries } from '../sync/pushLedger';
import { syncRoutes } from '../../shared/schema/syncContract';
import { staffRecords } from '../db/staff';

const collectionList = syncCollections.join(', ');

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(syncRoutes.hello.path, async (request, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    const counts = await countDocuments(context.db, device.venue.id);
    const hello: HelloResponse = { venue: device.venue, deviceId: device.deviceId, counts, serverTime: new Date(context.now()).toISOString() };
    return reply.send(hello);
  });

  // The PIN hashes reach the venue's own desks only (a device token of the venue), so that
  // signing in works offline; no log line carries this answer's body.
  app.get(syncRoutes.staff.path, async (request, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    return reply.send({ staff: await staffRecords(context.db, device.venue.id) });
  });

  app.get<{ Params: { collection: string } }>(syncRoutes.pull.path, async (request, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    const collection = syncCollectionSchema.safeParse(request.params.collection);
    if (!collection.success) return sendRefusal(reply, refusal('unknown-collection', `there is no collection "${request.params.collection}"; the collections are ${collectionList}`));
    const query = pullQuerySchema.safeParse(request.query);
    if (!query.success) {
      const problems = problemsOfIssues(query.error.issues, []);
      return sendRefusal(reply, refusal('invalid-query', `a pull takes ?seq=&id=&limit= (limit 1 to 10000): ${summaryOf(problems)}`, problems));
    }
    const since: SyncCheckpoint | null = query.data.seq === undefined ? null : { seq: query.data.seq, id: query.data.id ?? '' };
    const documents = await readChanges(context.db, device.venue.id, collection.data, since?.seq ?? 0, query.data.limit);
    return reply.type('application/json; charset=utf-8').send(changesJson(documents, checkpointOf(documents, since)));
  });

  app.post<{ Params: { collection: string } }>(syncRoutes.push.path, { bodyLimit: context.bodyLimits.push }, async (request, reply) => {
    // The token's device may be a remembered one: its revocation is checked by the push's own
    // statement, or by a full check before any other refusal (a revoked token is told so first).
    const device = await identifyDevice(context, request, reply);
    if (!device) return reply;
    const refuse = async (refused: Refusal) => (await requireDevice(context, request, reply)) ? sendRefusal(reply, refused) : reply;
    const collection = syncCollectionSchema.safeParse(request.params.collection);
    if (!collection.success) return refuse(refusal('unknown-collection', `there is no collection "${request.params.collection}"; the collections are ${collectionList}`));
    if (!(pushCollections as readonly string[]).includes(collection.data)) {
      return refuse(refusal('read-only-collection', `${collection.data} come from the booking platform and are read-only on a desk; only the ledger is pushed`));
    }
    const checked = checkPush(request.body, device.identity.venueId, context.now());
    if (!checked.ok) return refuse(checked.refusal);
    const result = await pushLedgerEntries(context.db, context.pushes, device.identity.venueId, device.identity.deviceId, checked.entries);
    if (!result.ok) {
      device.forget();
      return sendRefusal(reply, tokenRevoked);
    }
    const response: PushResponse = { conflicts: result.conflicts };
    return reply.send(response);
  });
}
