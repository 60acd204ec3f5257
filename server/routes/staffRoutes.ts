// The venue's staff over HTTP, behind the admin token: the same operations as
// `npm run server -- staff …` (server/cli/staffCommands.ts), for a booking platform to call.
// A PIN goes in; no answer ever carries a PIN or its hash. Registered from the contract
// (contractRoute.ts), which parses each body with the shared schemas.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../serverContext';
import { requireAdmin } from '../auth/requestAuth';
import { hashStaffPin } from '../auth/pinHashing';
import { addStaff, changeStaff, listStaff } from '../db/staff';
import { auditedEntries } from '../db/staffAudit';
import { findVenue } from '../db/venues';
import { refusal, sendRefusal } from '../errors';
import { isStorableText } from '../../shared/schema/records';
import { registerContractRoute } from './contractRoute';

const unknownVenue = (venueId: string) => refusal('unknown-venue', `there is no venue "${venueId}" on this server`);

export function registerStaffRoutes(app: FastifyInstance, context: ServerContext): void {
  registerContractRoute(app, 'addStaff', {}, async ({ params, body, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    if (!isStorableText(params.venueId)) return sendRefusal(reply, unknownVenue(params.venueId));
    const added = await addStaff(context.db, params.venueId, { name: body.name, role: body.role, pinHash: hashStaffPin(body.pin) });
    if (!added.ok) {
      return sendRefusal(reply, added.error === 'unknown-venue'
        ? unknownVenue(params.venueId)
        : refusal('staff-exists', `there is already someone called "${body.name}" at this venue`));
    }
    return reply.code(201).send({ staff: added.staff });
  });

  registerContractRoute(app, 'listStaff', {}, async ({ params, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    if (!isStorableText(params.venueId)) return sendRefusal(reply, unknownVenue(params.venueId));
    return reply.send({ staff: await listStaff(context.db, params.venueId) });
  });

  registerContractRoute(app, 'changeStaff', {}, async ({ params, body, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    const { venueId, staff } = params;
    const unknownStaff = refusal('unknown-staff', `there is nobody with the id or name "${staff}" at venue "${venueId}"`);
    if (!isStorableText(venueId) || !isStorableText(staff)) return sendRefusal(reply, unknownStaff);
    const changed = await changeStaff(context.db, venueId, staff, {
      ...(body.role ? { role: body.role } : {}),
      ...(body.pin ? { pinHash: hashStaffPin(body.pin) } : {}),
      ...(body.active === undefined ? {} : { active: body.active }),
    });
    if (!changed.ok) return sendRefusal(reply, unknownStaff);
    return reply.send({ staff: changed.staff });
  });

  // The entries the venue's staff do not back, for a manager (SPEC: "it lists it for a manager").
  registerContractRoute(app, 'listAudit', {}, async ({ params, raw }, reply) => {
    if (!(await requireAdmin(context, raw, reply))) return reply;
    if (!isStorableText(params.venueId) || !(await findVenue(context.db, params.venueId))) return sendRefusal(reply, unknownVenue(params.venueId));
    return reply.send({ entries: await auditedEntries(context.db, params.venueId) });
  });
}
