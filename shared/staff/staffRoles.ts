// Staff roles (SPEC "Staff, roles and the kiosk"): door < manager < admin, each allowed what
// the one below it is, and more. The rule "who may do what" is this file and
// ./leastRoles.ts, used by main (the one gate of every call) and the endpoint (its audit of
// pushed entries).
import { z } from 'zod';

export const staffRoles = ['door', 'manager', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleSchema = z.enum(staffRoles);

/** Whether `role` may do what needs at least `least`. */
export function roleReaches(role: StaffRole, least: StaffRole): boolean {
  return staffRoles.indexOf(role) >= staffRoles.indexOf(least);
}

/** The role in words for the screen: "This needs a manager." */
export function roleInWords(role: StaffRole): string {
  return role === 'door' ? 'door staff' : role === 'manager' ? 'a manager' : 'an admin';
}
