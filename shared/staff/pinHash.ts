// A staff PIN is kept only as a slow salted hash (SPEC "a PIN kept only as a slow salted
// hash"): scrypt, whose parameters are here and nowhere else. The endpoint hashes (admin CLI
// and routes); a desk verifies offline (signing in) and hashes a desk-only first manager's.
// Both pass node:crypto's scrypt in (shared/ is pure): server/auth/pinHashing.ts,
// main/staff/pinCheck.ts.
import { z } from 'zod';

/**
 * N = 2^14, r = 8, p = 1: OWASP's floor for scrypt (16 MiB, about 50 ms on a desk's old
 * laptop): a sign-in at a shift change stays quick, while a stolen copy of a desk's data
 * costs a guesser 50 ms a try for each PIN of each person. A PIN of 4–8 digits is a small
 * space all the same: the desk's back-off and the locks of the device are the other half.
 */
export const pinHashParameters = { N: 16_384, r: 8, p: 1, keyLength: 32, saltBytes: 16, maxmem: 64 * 1024 * 1024 } as const;

/** What people type: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

const base64 = '[A-Za-z0-9+/]+={0,2}';
const { N, r, p } = pinHashParameters;
/** `scrypt$N$r$p$salt$key` (base64): the parameters travel with the hash, so they can be raised later. */
export const pinHashSchema = z.string().max(300).regex(new RegExp(`^scrypt\\$\\d+\\$\\d+\\$\\d+\\$${base64}\\$${base64}$`), 'must be a PIN hash scrypt$N$r$p$salt$key');

/** node:crypto's scryptSync, as both sides pass it in. */
export type ScryptFunction = (pin: string, salt: Uint8Array, keyLength: number, options: { N: number; r: number; p: number; maxmem: number }) => Uint8Array;
export type PinKdf = { scrypt: ScryptFunction; randomBytes: (size: number) => Uint8Array; equal: (a: Uint8Array, b: Uint8Array) => boolean };

export function hashPin(kdf: PinKdf, pin: string): string {
  const salt = kdf.randomBytes(pinHashParameters.saltBytes);
  const key = kdf.scrypt(pin, salt, pinHashParameters.keyLength, { N, r, p, maxmem: pinHashParameters.maxmem });
  return `scrypt$${N}$${r}$${p}$${toBase64(salt)}$${toBase64(key)}`;
}

/** Whether `pin` is the one `hash` was made of; false for a hash this desk cannot read. */
export function pinMatches(kdf: PinKdf, pin: string, hash: string): boolean {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [cost, blockSize, parallel] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A hash from the network is checked with the parameters it names, within bounds that keep
  // a forged one from costing the desk more than a few hundred MB or seconds.
  if (!Number.isInteger(Math.log2(cost)) || cost < 2 || cost > 2 ** 17 || blockSize < 1 || blockSize > 16 || parallel < 1 || parallel > 4) return false;
  const salt = fromBase64(parts[4]!);
  const expected = fromBase64(parts[5]!);
  if (salt === null || expected === null) return false;
  if (expected.length === 0) return false;
  const key = kdf.scrypt(pin, salt, expected.length, { N: cost, r: blockSize, p: parallel, maxmem: 256 * 1024 * 1024 });
  return kdf.equal(key, expected);
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
