// A venue hub's short pairing codes (server/hub/pairingOffers.ts, shared/sync/hubPairingCode.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PairingOffers, hmacHex } from '../../server/hub/pairingOffers';
import { HUB_CODE_LIFETIME_MS, HUB_CODE_MAX_WRONG, deskProofMessage, hubProofMessage, readHubCode } from '../../shared/sync/hubPairingCode';

const HUB = 'AB:'.repeat(31) + 'CD';
const IMPOSTOR = 'EF:'.repeat(31) + '01';
const nonce = () => randomBytes(16).toString('hex');
const proofOf = (shown: string, certificate: string, n: string) => hmacHex(readHubCode(shown)!, deskProofMessage(certificate, n));

describe('short pairing codes of a venue hub', () => {
  it.each([
    ['k7qm3-xhd9p', 'K7QM3XHD9P'],
    [' K7QM3 XHD9P ', 'K7QM3XHD9P'],
    ['O1IL0-00000', '0111000000'],
    ['K7QM3-XHD9', null],
    ['K7QM3-XHD9U', null],
  ])('reads %j as %j', (typed, read) => {
    expect(readHubCode(typed)).toBe(read);
  });

  it('a code claimed with a proof over the hub certificate gives its offer once; the hub proves it knew the code', () => {
    const offers = new PairingOffers(HUB);
    const shown = offers.offer('v1', 'Door 2');
    expect(shown.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const n = nonce();
    const offer = offers.claim(n, proofOf(shown.code, HUB, n));
    expect(offer).toMatchObject({ venueId: 'v1', deskName: 'Door 2' });
    expect(offers.answerProof(offer!, n, 'tok')).toBe(hmacHex(readHubCode(shown.code)!, hubProofMessage(HUB, n, 'tok')));
    const m = nonce();
    expect(offers.claim(m, proofOf(shown.code, HUB, m))).toBeNull();
  });

  it('a proof an impostor got from a desk (over the impostor certificate) is worthless at the real hub', () => {
    const offers = new PairingOffers(HUB);
    const shown = offers.offer('v1', 'Door 2');
    const n = nonce();
    expect(offers.claim(n, proofOf(shown.code, IMPOSTOR, n))).toBeNull();
  });

  it('a code is void after its ten minutes', () => {
    let now = 1_000;
    const offers = new PairingOffers(HUB, () => now);
    const shown = offers.offer('v1', 'Door 2');
    now += HUB_CODE_LIFETIME_MS;
    const n = nonce();
    expect(offers.claim(n, proofOf(shown.code, HUB, n))).toBeNull();
  });

  it(`${HUB_CODE_MAX_WRONG} wrong proofs from anywhere void every code shown, so guessing from many addresses gets no further than from one`, () => {
    const offers = new PairingOffers(HUB);
    const shown = offers.offer('v1', 'Door 2');
    for (let i = 0; i < HUB_CODE_MAX_WRONG; i += 1) expect(offers.claim(nonce(), '0'.repeat(64))).toBeNull();
    const n = nonce();
    expect(offers.claim(n, proofOf(shown.code, HUB, n))).toBeNull();
  });
});
