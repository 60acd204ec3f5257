// Roles as the desk says them.
import type { StaffRole } from '../../shared/staff/staffRoles';

export const roleWords: Record<StaffRole, string> = { door: 'door', manager: 'manager', admin: 'admin' };

/** The one key that locks the desk from anywhere. */
export const LOCK_KEY = 'F9';
