// The desk's side of RxDB's replication protocol (shared/schema/sync.ts): hello, pull by
// checkpoint for every collection, push for the ledger only. The venue is always the device
// token's; nothing in a request can name another one. Registered from the contract
// (contractRoute.ts), which parses each query and body before the handler sees it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';
import type { HelloResponse, PushResponse } from '../../shared/schema/syncContract';
import { pushCollections, syncCollections } from '../../shared/schema/sync';
import type { ServerContext } from '../serverContext';
import { identifyDevice, requireDevice, tokenRevoked } from '../auth/requestAuth';
import { changesJson, checkpointOf, countDocuments, readChanges } from '../db/documents';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import { checkPush, pushLedgerEntries } from '../sync/pushLedger';
import { registerContractRoute } from './contractRoute';
import { staffRecords } from '../db/staff';

const collectionList = syncCollections.join(', ');

const unknownCollection = (params: Record<string, string>) => refusal('unknown-collection', `there is no collection "${params.collection ?? ''}"; the collections are ${collectionList}`);

function notPushable(collection: SyncCollection): Refusal | null {
  if ((pushCollections as readonly SyncCollection[]).includes(collection)) return null;
  return refusal('read-only-collection', `${collection} come from the booking platform and are read-only on a desk; only the ledger is pushed`);
}

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'hello', {}, async ({ raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const counts = await countDocuments(context.db, device.venue.id);
    context.presence.heard(device.venue.id, device.deviceId, context.now());
    const desksHeard = context.presence.heardLately(device.venue.id, context.now());
    const othersHeardMsAgo = context.presence.othersHeardMsAgo(device.venue.id, device.deviceId, context.now());
    const hello: HelloResponse = { venue: device.venue, deviceId: device.deviceId, counts, serverTime: new Date(context.now()).toISOString(), desksHeard, othersHeardMsAgo };
    return reply.send(hello);
  });

  // The PIN hashes reach the venue's own desks only (a device token of the venue), so that
  // signing in works offline; no log line carries this answer's body.
  registerContractRoute(app, 'staff', {}, async ({ raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    return reply.send({ staff: await staffRecords(context.db, device.venue.id) });
  });

  registerContractRoute(app, 'pull', { unknownParams: unknownCollection }, async ({ params, query, raw }, reply) => {
    const device = await requireDevice(context, raw, reply);
    if (!device) return reply;
    const since: SyncCheckpoint | null = query.seq === undefined ? null : { seq: query.seq, id: query.id ?? '' };
    const documents = await readChanges(context.db, device.venue.id, params.collection, since?.seq ?? 0, query.limit);
    return reply.type('application/json; charset=utf-8').send(changesJson(documents, checkpointOf(documents, since)));
  });

  // The token's device may be a remembered one: its revocation is checked by the push's own
  // statement, or by a full check before any other refusal (a revoked token is told so first).
  const refuseKnown = async (request: FastifyRequest, reply: FastifyReply, refused: Refusal) => ((await requireDevice(context, request, reply)) ? sendRefusal(reply, refused) : reply);
  registerContractRoute(app, 'push', { bodyLimit: context.bodyLimits.push, unknownParams: unknownCollection, checkParams: ({ collection }) => notPushable(collection), refuse: refuseKnown }, async ({ body, raw }, reply) => {
    const device = await identifyDevice(context, raw, reply);
    if (!device) return reply;
    const checked = checkPush(body, device.identity.venueId, context.now());
    if (!checked.ok) return refuseKnown(raw, reply, checked.refusal);
    const result = await pushLedgerEntries(context.db, context.pushes, device.identity.venueId, device.identity.deviceId, checked.entries);
    if (!result.ok) {
      device.forget();
      return sendRefusal(reply, tokenRevoked);
    }
    const response: PushResponse = { conflicts: result.conflicts };
    return reply.send(response);
  });
}
