// The desk's PIN checks: the shared scheme (shared/staff/pinHash.ts) on node:crypto.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { PinKdf } from '../../shared/staff/pinHash';

export const nodePinKdf: PinKdf = {
  scrypt: (pin, salt, keyLength, options) => scryptSync(pin, salt, keyLength, options),
  randomBytes: (size) => randomBytes(size),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
