// A pairing code: the endpoint's address and a device token in one string, so that whoever
// sets a desk up copies one thing from the endpoint's output into the desk's first screen
// (SPEC: "A desk is paired with a venue by the endpoint's URL and a device token"). It holds
// the token, so it is as secret as the token: shown once, like the token.
//
//   BOX1-<base64url of {"url": …, "token": …}>, and a venue hub's `certificate` fingerprint when
//   the code is a hub's (the desk then pins it).
import type { z } from 'zod';
import { pairEndpointInput } from './api';

const PREFIX = 'BOX1-';
/** Far longer than any real code (an address of 500 characters and a token of 500). */
const MAX_CODE_LENGTH = 3_000;

const payloadSchema = pairEndpointInput;
export type Pairing = z.infer<typeof payloadSchema>;

export function encodePairingCode(pairing: Pairing): string {
  const json = JSON.stringify({ url: pairing.url, token: pairing.token, ...(pairing.certificate ? { certificate: pairing.certificate } : {}) });
  return PREFIX + toBase64Url(new TextEncoder().encode(json));
}

export type DecodedPairingCode = { ok: true; pairing: Pairing } | { ok: false; reason: 'not-a-pairing-code' | 'damaged' };

/** Reads a code as typed or pasted: spaces and line breaks inside it are ignored. */
export function decodePairingCode(text: string): DecodedPairingCode {
  const code = text.replace(/\s+/g, '');
  if (!code.toUpperCase().startsWith(PREFIX) || code.length > MAX_CODE_LENGTH) return { ok: false, reason: 'not-a-pairing-code' };
  const body = code.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return { ok: false, reason: 'damaged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body)));
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  const checked = payloadSchema.safeParse(parsed);
  return checked.success ? { ok: true, pairing: checked.data } : { ok: false, reason: 'damaged' };
}

/** True when the text looks like a pairing code rather than an address. */
export function looksLikePairingCode(text: string): boolean {
  return text.trim().toUpperCase().startsWith(PREFIX);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
