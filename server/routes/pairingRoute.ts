// `POST /sync/pair`, a venue hub's: a desk that proved it knows a short code the hub shows
// (checked before the body, auth/accessHook.ts) gets a device token of the hub, named as the
// code was, with the hub's own proof that it knew the code (shared/sync/hubPairingCode.ts).
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { issueDevice } from '../auth/devices';
import { refusal, sendRefusal } from '../errors';
import { registerContractRoute } from './contractRoute';

export function registerPairingRoute(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'claimPairing', {}, async ({ raw }, reply) => {
    const caller = raw.caller;
    if (caller?.kind !== 'pairing' || !context.pairing) return sendRefusal(reply, refusal('invalid-pairing-code', 'this request did not prove a pairing code'));
    const issued = await issueDevice(context.db, caller.offer.venueId, caller.offer.deskName);
    if (!issued.ok) return sendRefusal(reply, refusal('unknown-venue', `there is no venue "${caller.offer.venueId}" on this hub`));
    const token = issued.device.token;
    return reply.send({ token, proof: context.pairing.answerProof(caller.offer, caller.nonce, token) });
  });
}
