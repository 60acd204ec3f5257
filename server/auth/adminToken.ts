// The admin token opens the admin endpoints (venues, devices, imports). It comes from
// BOX_OFFICE_ADMIN_TOKEN when set; otherwise one is generated at the first start, stored
// only as its hash, and printed once for the operator to keep.
import type { Queryable } from '../db/database';
import { hashToken, newToken, sameHash } from './tokens';

export type AdminTokenSetup = {
  /** The hash of the token given by the environment or the caller; null: the stored one is used. */
  fixedHash: string | null;
  /** The token, when it was generated just now and must be shown to the operator once. */
  generated: string | null;
};

export async function setUpAdminToken(db: Queryable, fromEnvironment: string | undefined): Promise<AdminTokenSetup> {
  if (fromEnvironment !== undefined && fromEnvironment !== '') return { fixedHash: hashToken(fromEnvironment), generated: null };
  const token = newToken();
  // Two replicas starting together: the first insert wins, the other keeps quiet.
  const inserted = await db.query(
    'INSERT INTO admin_token (token_hash) VALUES ($1) ON CONFLICT (only_one) DO NOTHING RETURNING 1',
    [hashToken(token)],
  );
  return { fixedHash: null, generated: inserted.length > 0 ? token : null };
}

/** Replaces the stored admin token with a new one, returned to be shown once. */
export async function resetAdminToken(db: Queryable): Promise<string> {
  const token = newToken();
  await db.query(
    `INSERT INTO admin_token (token_hash) VALUES ($1)
     ON CONFLICT (only_one) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
    [hashToken(token)],
  );
  return token;
}

/**
 * The stored hash is read on every admin request, so `admin-token reset` takes effect at once
 * in every running replica.
 */
export async function isAdminToken(db: Queryable, setup: AdminTokenSetup, token: string): Promise<boolean> {
  const hash = setup.fixedHash ?? (await db.query<{ token_hash: string }>('SELECT token_hash FROM admin_token'))[0]?.token_hash;
  return hash !== undefined && sameHash(hashToken(token), hash);
}
