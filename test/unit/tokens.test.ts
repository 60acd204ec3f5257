// Device and admin tokens are pasted after CLI commands: one starting with "-" would be read
// as an option (`device revoke -abc…` failed about one time in 64 before).
import { expect, it } from 'vitest';
import { newToken } from '../../server/auth/tokens';

it('never starts a token with "-" or "_", and keeps them 43 base64url characters', () => {
  const tokens = new Set(Array.from({ length: 5000 }, () => newToken()));
  expect(tokens.size).toBe(5000);
  for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
});
