// Admin endpoints, behind the admin token: venues, device tokens, and platform data in
// (SPEC: "Platform data … enters it by an import of JSON or CSV files, or over HTTP with an
// admin token"). The same operations as the CLI, for a booking platform to call. Registered
// from the contract (contractRoute.ts), which parses each query and body.
import type { FastifyInstance } from 'fastify';
import { isStorableText } from '../../shared/schema/records';
import type { ServerContext } from '../serverContext';
import { requireAdmin } from '../auth/requestAuth';
import { issueDevice, listDevices, revokeDevice } from '../auth/devices';
import { createVenue, listVenues } from '../db/venues';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import { NUL_MESSAGE, fieldWithNul, summaryOf } from '../sync/documentProblems';
import { importCsv } from '../import/csvImport';
import { importVenueFile } from '../import/venueImport';
import { registerContractRoute } from './contractRoute';

/** Text PostgreSQL cannot store (NUL, half a surrogate pair) would fail the write as a server error: refused first, by field. */
function unstorable(what: string, record: Record<string, unknown>): Refusal | null {
  const field = fieldWithNul(record);
  if (field === null) return null;
  const problems = [{ path: field, message: NUL_MESSAGE, field }];
  return refusal('invalid-body', `${what}: ${summaryOf(problems)}`, problems);
}

const unknownVenue = (venueId: string) => refusal('unknown-venue', `there is no venue "${venueId}" on this server`);

export function registerAdminRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'createVenue', {}, async ({ body: venue, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    const unstored = unstorable('a venue is { id, timeZone, name?, locale?, lockAfterMinutes? }', venue);
    if (unstored) return sendRefusal(reply, unstored);
    const created = await createVenue(context.db, venue);
    if (!created.ok) return sendRefusal(reply, refusal('venue-exists', `there is already a venue "${venue.id}"`));
    return reply.code(201).send({ venue });
  });

  registerContractRoute(app, 'listVenues', {}, async ({ raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    return reply.send({ venues: await listVenues(context.db) });
  });

  registerContractRoute(app, 'issueDevice', {}, async ({ params, body, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    const unstored = unstorable('a device is { name? }', body);
    if (unstored) return sendRefusal(reply, unstored);
    // No venue can have an id PostgreSQL cannot store: asking for one would fail as a server error.
    if (!isStorableText(params.venueId)) return sendRefusal(reply, unknownVenue(params.venueId));
    const issued = await issueDevice(context.db, params.venueId, body.name);
    if (!issued.ok) return sendRefusal(reply, unknownVenue(params.venueId));
    return reply.code(201).send(issued.device);
  });

  registerContractRoute(app, 'listDevices', {}, async ({ params, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    if (!isStorableText(params.venueId)) return sendRefusal(reply, unknownVenue(params.venueId));
    const listed = await listDevices(context.db, params.venueId);
    if (!listed.ok) return sendRefusal(reply, unknownVenue(params.venueId));
    return reply.send({ devices: listed.devices });
  });

  registerContractRoute(app, 'revokeDevice', {}, async ({ body, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    const unknownDevice = refusal('unknown-device', 'no device has this id or token');
    if (!isStorableText(body.device)) return sendRefusal(reply, unknownDevice);
    const revoked = await revokeDevice(context.db, body.device);
    if (!revoked.ok) return sendRefusal(reply, unknownDevice);
    return reply.send(revoked.device);
  });

  registerContractRoute(app, 'importVenue', { bodyLimit: context.bodyLimits.import }, async ({ params, query, body, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    if (!isStorableText(params.venueId)) return sendRefusal(reply, unknownVenue(params.venueId));
    const isCsv = (raw.headers['content-type'] ?? '').startsWith('text/csv');
    const result = isCsv
      ? typeof body === 'string'
        ? await importCsv(context.db, params.venueId, body, query.collection)
        : { ok: false as const, refusal: refusal('invalid-body', 'a CSV import is the text of the file') }
      : await importVenueFile(context.db, params.venueId, body, context.now());
    if (!result.ok) return sendRefusal(reply, result.refusal);
    return reply.send({ summary: result.summary });
  });
}
