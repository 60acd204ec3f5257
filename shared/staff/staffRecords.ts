// A venue's staff as records: on the endpoint (server/db/staff.ts), in the admin API, and on a
// desk, which needs the PIN hash to let people sign in offline (SPEC: "They reach the desks
// like platform data, so signing in works offline"). The hash never reaches a screen, a log or
// an admin answer: only `StaffMember` (no hash) does.
import { z } from 'zod';
import { storableText } from '../schema/records';
import { pinHashSchema, pinSchema } from './pinHash';
import { staffRoleSchema } from './staffRoles';

export const staffIdSchema = z.string().min(1).max(200);
/** A name as people pick it at sign-in: trimmed, 1 to 100 characters, unique in its venue. */
export const staffNameSchema = storableText(z.string().trim().min(1).max(100));

/** A staff member as anyone may see them: no PIN hash. */
export const staffMemberSchema = z.object({
  id: staffIdSchema,
  name: staffNameSchema,
  role: staffRoleSchema,
  active: z.boolean(),
}).strict();
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** What a desk holds to let a person sign in offline: the member and their PIN's hash. */
export const staffRecordSchema = staffMemberSchema.extend({ pinHash: pinHashSchema }).strict();
export type StaffRecord = z.infer<typeof staffRecordSchema>;

/** The member without the hash, for answers, screens and logs. */
export function memberOf(record: StaffRecord): StaffMember {
  return { id: record.id, name: record.name, role: record.role, active: record.active };
}

// ── The admin API (server/routes/staffRoutes.ts) and the CLI ──────────────────────────────
/** `POST /admin/venues/:venueId/staff` */
export const staffAddBodySchema = z.object({ name: staffNameSchema, role: staffRoleSchema, pin: pinSchema }).strict();
/** `POST /admin/venues/:venueId/staff/:staffId`: a new role, a new PIN, or deactivation (or reactivation). */
export const staffChangeBodySchema = z.object({
  role: staffRoleSchema.optional(),
  pin: pinSchema.optional(),
  active: z.boolean().optional(),
}).strict().refine((body) => body.role !== undefined || body.pin !== undefined || body.active !== undefined, {
  message: 'give at least one of role, pin and active',
});
export const staffAnswerSchema = z.object({ staff: staffMemberSchema }).strict();
export const staffListAnswerSchema = z.object({ staff: z.array(staffMemberSchema) }).strict();
