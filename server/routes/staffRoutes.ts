// The venue's staff over HTTP, behind the admin token: the same operations as
// `npm run server -- staff …` (server/cli/staffCommands.ts), for a booking platform to call.
// A PIN goes in; no answer ever carries a PIN or its hash.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireAdmin } from '../auth/requestAuth';
import { hashStaffPin } from '../auth/pinHashing';
import { addStaff, changeStaff, listStaff } from '../db/staff';
import { refusal, sendRefusal } from '../errors';
import { problemsOfIssues, summaryOf } from '../sync/documentProblems';
import { isStorableText } from '../../shared/schema/records';
import { staffAddBodySchema, staffChangeBodySchema } from '../../shared/staff/staffRecords';

const unknownVenue = (venueId: string) => refusal('unknown-venue', `there is no venue "${venueId}" on this server`);

export function registerStaffRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post<{ Params: { venueId: string } }>('/admin/venues/:venueId/staff', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const body = staffAddBodySchema.safeParse(request.body);
    if (!body.success) {
      const problems = problemsOfIssues(body.error.issues, []);
      return sendRefusal(reply, refusal('invalid-body', `a staff member is { name, role: door|manager|admin, pin: 4 to 8 digits }: ${summaryOf(problems)}`, problems));
    }
    if (!isStorableText(request.params.venueId)) return sendRefusal(reply, unknownVenue(request.params.venueId));
    const added = await addStaff(context.db, request.params.venueId, { name: body.data.name, role: body.data.role, pinHash: hashStaffPin(body.data.pin) });
    if (!added.ok) {
      return sendRefusal(reply, added.error === 'unknown-venue'
        ? unknownVenue(request.params.venueId)
        : refusal('staff-exists', `there is already someone called "${body.data.name}" at this venue`));
    }
    return reply.code(201).send({ staff: added.staff });
  });

  app.get<{ Params: { venueId: string } }>('/admin/venues/:venueId/staff', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    if (!isStorableText(request.params.venueId)) return sendRefusal(reply, unknownVenue(request.params.venueId));
    return reply.send({ staff: await listStaff(context.db, request.params.venueId) });
  });

  // A new role, a new PIN, deactivation (active: false) or reactivation; by id or name.
  app.post<{ Params: { venueId: string; staff: string } }>('/admin/venues/:venueId/staff/:staff', async (request, reply) => {
    if (!(await requireAdmin(context, request, reply))) return reply;
    const body = staffChangeBodySchema.safeParse(request.body);
    if (!body.success) {
      const problems = problemsOfIssues(body.error.issues, []);
      return sendRefusal(reply, refusal('invalid-body', `a change is { role?, pin?, active? }: ${summaryOf(problems)}`, problems));
    }
    const { venueId, staff } = request.params;
    const unknownStaff = refusal('unknown-staff', `there is nobody with the id or name "${staff}" at venue "${venueId}"`);
    if (!isStorableText(venueId) || !isStorableText(staff)) return sendRefusal(reply, unknownStaff);
    const changed = await changeStaff(context.db, venueId, staff, {
      ...(body.data.role ? { role: body.data.role } : {}),
      ...(body.data.pin ? { pinHash: hashStaffPin(body.data.pin) } : {}),
      ...(body.data.active === undefined ? {} : { active: body.data.active }),
    });
    if (!changed.ok) return sendRefusal(reply, unknownStaff);
    return reply.send({ staff: changed.staff });
  });
}
