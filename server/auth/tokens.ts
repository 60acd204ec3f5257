// Secrets handed to people (device tokens, the admin token): 32 random bytes in base64url,
// shown once and stored only as their sha256, so the database alone opens nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;

/**
 * A token never starts with "-" (nor "_"): pasted after a command (`device revoke <token>`),
 * one that did would read as an option. Redrawing those costs a twentieth of a bit of the 256.
 */
export function newToken(): string {
  for (;;) {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    if (/^[A-Za-z0-9]/.test(token)) return token;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares hashes in constant time: the time taken says nothing about how much matched. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** A short id that names a device in lists and logs (never a secret). */
export function newDeviceId(): string {
  return `dev-${randomBytes(9).toString('base64url')}`;
}
