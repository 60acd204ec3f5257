// `GET /sync/stream`: the live side of replication, as Server-Sent Events. The first message
// on every connect is a resync (RxDB's 'RESYNC': the desk pulls from its checkpoint, which
// covers whatever happened while it was away); after it, a `changes` message for every
// committed change of the venue, whichever server process it was written through.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireDevice } from '../auth/requestAuth';
import { deviceIsActive } from '../auth/devices';
import type { StreamSubscriber } from '../sync/changeFeed';
import { RESYNC_MESSAGE } from '../sync/changeFeed';
import { refusal, sendRefusal } from '../errors';
import { registerContractRoute } from './contractRoute';

/** A desk that reads this far behind is cut off; it reconnects and pulls instead. */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

export function registerStreamRoute(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'stream', {}, async ({ raw: request }, reply) => {
    const device = await requireDevice(context, request, reply);
    if (!device) return reply;
    const release = context.streams.take(device.deviceId);
    if (!release) {
      // A stream's place is freed when one closes; a broken one is found at its next heartbeat.
      reply.header('retry-after', String(Math.max(1, Math.ceil(context.heartbeatMs / 1_000))));
      return sendRefusal(reply, refusal('too-many-streams', `this device already has ${context.streams.maxPerDevice} live streams open here; close one first`));
    }

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold the events back in a buffer.
      'x-accel-buffering': 'no',
    });

    let ended = false;
    let unsubscribe: (() => void) | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    const end = () => {
      if (ended) return;
      ended = true;
      release();
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe?.();
      if (!response.writableEnded) response.end();
    };
    const subscriber: StreamSubscriber = {
      deviceId: device.deviceId,
      send(message) {
        if (ended) return;
        response.write(`data: ${message}\n\n`);
        if (response.writableLength > MAX_UNREAD_BYTES) end();
      },
      end,
    };
    // The desk closed the connection, or the socket broke.
    response.on('close', end);
    response.on('error', end);

    try {
      unsubscribe = await context.feed.subscribe(device.venue.id, subscriber);
    } catch (error) {
      request.log.error(error, 'a stream could not subscribe to its venue');
      end();
      return reply;
    }
    if (ended) {
      unsubscribe();
      return reply;
    }
    subscriber.send(RESYNC_MESSAGE);
    context.presence.heard(device.venue.id, device.deviceId, context.now());
    heartbeat = setInterval(() => {
      context.presence.heard(device.venue.id, device.deviceId, context.now());
      // A revocation reaches open streams by notification at once; this re-check covers a
      // notification lost while the LISTEN connection was down.
      deviceIsActive(context.db, device.deviceId).then(
        (active) => {
          if (!active) end();
          else if (!ended) response.write(': heartbeat\n\n');
        },
        (error: unknown) => {
          request.log.warn(error, 'a stream could not re-check its device');
        },
      );
    }, context.heartbeatMs);
    heartbeat.unref();
    return reply;
  });
}
