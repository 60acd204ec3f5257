// Admin endpoints, behind the admin token: venues, device tokens, and platform data in
// (SPEC: "Platform data … enters it by an import of JSON or CSV files, or over HTTP with an
// admin token"). The same operations as the CLI, for a booking platform to call.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isStorableText, venueSchema } from '../../shared/schema/records';
import type { ServerContext } from '../serverContext';
import { requireAdmin } from '../auth/requestAuth';
import { issueDevice, listDevices, revokeDevice } from '../auth/devices';
import { createVenue, listVenues } from '../db/venues';
import type { Refusal } from '../errors';
import { refusal, sendRefusal } from '../errors';
import { NUL_MESSAGE, fieldWithNul, problemsOfIssues, summaryOf } from '../sync/documentProblems';
import { csvCollections, importCsv } from '../import/csvImport';
import { importVenueFile } from '../import/venueImport';

const deviceNameSchema = z.object({ name: z.string().min(1).max(200).optional() }).strict();
const revokeSchema = z.object({ device: z.string().min(1).max(400) }).strict();
const importQuerySchema = z.object({ collection: z.enum(csvCollections).optional() }).strict();

function invalidBody(what: string, issues: Parameters<typeof problemsOfIssues>[0]): Refusal {
  const problems = problemsOfIssues(issues, []);
  return refusal('invalid-body', `${what}: ${summaryOf(problems)}`, problems);
}

/** Text PostgreSQL cannot store (NUL, half a surrogate pair) would fail the write as a server error: refused first, by field. */
function unstorable(what: string, record: Record<string, unknown>): Refusal | null {
  const field = fieldWithNul(record);
  if (field === null) return null;
  const problems = [{ path: field, message: NUL_MESSAGE, field }];
  return refusal('invalid-body', `${what}: ${summaryOf(problems)}`, problems);
}

const unknownVenue = (venueId: string) => refusal('unknown-venue', `there is no venue "${venueId}" on this server`);

export function registerAdminRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/admin/venues', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const venue = venueSchema.safeParse(request.body);
    if (!venue.success) return sendRefusal(reply, invalidBody('a venue is { id, timeZone, name?, locale? }', venue.error.issues));
    const unstored = unstorable('a venue is { id, timeZone, name?, locale? }', venue.data);
    if (unstored) return sendRefusal(reply, unstored);
    const created = await createVenue(context.db, venue.data);
    if (!created.ok) return sendRefusal(reply, refusal('venue-exists', `there is already a venue "${venue.data.id}"`));
    return reply.code(201).send({ venue: venue.data });
  });

  app.get('/admin/venues', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    return reply.send({ venues: await listVenues(context.db) });
  });

  app.post<{ Params: { venueId: string } }>('/admin/venues/:venueId/devices', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const body = deviceNameSchema.safeParse(request.body ?? {});
    if (!body.success) return sendRefusal(reply, invalidBody('a device is { name? }', body.error.issues));
    const unstored = unstorable('a device is { name? }', body.data);
    if (unstored) return sendRefusal(reply, unstored);
    // No venue can have an id PostgreSQL cannot store: asking for one would fail as a server error.
    if (!isStorableText(request.params.venueId)) return sendRefusal(reply, unknownVenue(request.params.venueId));
    const issued = await issueDevice(context.db, request.params.venueId, body.data.name);
    if (!issued.ok) return sendRefusal(reply, unknownVenue(request.params.venueId));
    return reply.code(201).send(issued.device);
  });

  app.get<{ Params: { venueId: string } }>('/admin/venues/:venueId/devices', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    if (!isStorableText(request.params.venueId)) return sendRefusal(reply, unknownVenue(request.params.venueId));
    const listed = await listDevices(context.db, request.params.venueId);
    if (!listed.ok) return sendRefusal(reply, unknownVenue(request.params.venueId));
    return reply.send({ devices: listed.devices });
  });

  app.post('/admin/devices/revoke', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const body = revokeSchema.safeParse(request.body);
    if (!body.success) return sendRefusal(reply, invalidBody('a revocation is { device: <device id or token> }', body.error.issues));
    const unknownDevice = refusal('unknown-device', 'no device has this id or token');
    if (!isStorableText(body.data.device)) return sendRefusal(reply, unknownDevice);
    const revoked = await revokeDevice(context.db, body.data.device);
    if (!revoked.ok) return sendRefusal(reply, unknownDevice);
    return reply.send(revoked.device);
  });

  app.post<{ Params: { venueId: string } }>('/admin/venues/:venueId/import', { bodyLimit: context.bodyLimits.import }, async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const query = importQuerySchema.safeParse(request.query);
    if (!query.success) {
      const problems = problemsOfIssues(query.error.issues, []);
      return sendRefusal(reply, refusal('invalid-query', `an import takes ?collection=${csvCollections.join('|')} for CSV: ${summaryOf(problems)}`, problems));
    }
    if (!isStorableText(request.params.venueId)) return sendRefusal(reply, unknownVenue(request.params.venueId));
    const isCsv = (request.headers['content-type'] ?? '').startsWith('text/csv');
    const result = isCsv
      ? typeof request.body === 'string'
        ? await importCsv(context.db, request.params.venueId, request.body, query.data.collection)
        : { ok: false as const, refusal: refusal('invalid-body', 'a CSV import is the text of the file') }
      : await importVenueFile(context.db, request.params.venueId, request.body, context.now());
    if (!result.ok) return sendRefusal(reply, result.refusal);
    return reply.send({ summary: result.summary });
  });
}
