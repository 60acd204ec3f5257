// Roles as the desk says them: `role.<role>` in the catalogs.
import type { StaffRole } from '../../shared/staff/staffRoles';
import type { Words } from '../words';

export function roleWords(words: Words, role: StaffRole): string {
  return words.t(`role.${role}`);
}

/** The one key that locks the desk from anywhere. */
export const LOCK_KEY = 'F9';
