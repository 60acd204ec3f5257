import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePairingCode, encodePairingCode, looksLikePairingCode } from '../../shared/schema/pairingCode';

describe('pairing code', () => {
  it('carries the address and the token there and back', () => {
    const pairing = { url: 'https://sync.example.org:8443/venue', token: 'abcdefghijklmnopqrstuvwxyz012345' };
    const code = encodePairingCode(pairing);
    expect(code).toMatch(/^BOX1-[A-Za-z0-9_-]+$/);
    expect(looksLikePairingCode(code)).toBe(true);
    expect(decodePairingCode(code)).toEqual({ ok: true, pairing });
  });

  it('ignores spaces and line breaks a paste put into it, and the case of its prefix', () => {
    const code = encodePairingCode({ url: 'http://127.0.0.1:4700', token: 'x'.repeat(43) });
    const broken = ` ${code.slice(0, 20)}\n ${code.slice(20)} `.replace('BOX1-', 'box1-');
    expect(decodePairingCode(broken)).toEqual({ ok: true, pairing: { url: 'http://127.0.0.1:4700', token: 'x'.repeat(43) } });
  });

  it.each([
    ['an address', 'http://127.0.0.1:4700', 'not-a-pairing-code'],
    ['empty', '', 'not-a-pairing-code'],
    ['a prefix alone', 'BOX1-', 'damaged'],
    ['not base64url', 'BOX1-abc$def', 'damaged'],
    ['cut short', encodePairingCode({ url: 'http://127.0.0.1:4700', token: 'y'.repeat(40) }).slice(0, 30), 'damaged'],
    ['base64 of something else', 'BOX1-' + btoa('{"url":"ftp://x","token":"short"}').replace(/=+$/, ''), 'damaged'],
    ['far too long', 'BOX1-' + 'A'.repeat(5000), 'not-a-pairing-code'],
  ])('refuses %s', (_name, text, reason) => {
    expect(decodePairingCode(text)).toEqual({ ok: false, reason });
  });

  it('round-trips any address and token the pairing form accepts, the longest included', () => {
    const url = fc.oneof(fc.webUrl({ validSchemes: ['http', 'https'] }), fc.constant(`https://${'a'.repeat(60)}.example/${'p'.repeat(400)}`));
    const token = fc.string({ minLength: 16, maxLength: 500, unit: 'grapheme' }).filter((t) => t.trim() === t && t.trim().length >= 16);
    fc.assert(fc.property(url, token, (u, t) => {
      if (u.length > 500) return;
      const decoded = decodePairingCode(encodePairingCode({ url: u, token: t }));
      expect(decoded).toEqual({ ok: true, pairing: { url: u, token: t } });
    }), { seed: 20261207, numRuns: 300 });
  });
});
