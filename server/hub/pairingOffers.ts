// The short pairing codes a venue hub shows (shared/sync/hubPairingCode.ts says how they are
// proved and why that is safe on a network anyone in the venue can join). Kept in the running
// hub's memory only: a code is shown to a person standing at the hub, valid ten minutes, good
// for one desk; a restart voids them all, and so do HUB_CODE_MAX_WRONG wrong proofs in all, so
// that many addresses guessing at once get no further than one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HUB_CODE_LIFETIME_MS, HUB_CODE_MAX_WRONG, deskProofMessage, hubCodeFromBytes, hubProofMessage, readHubCode } from '../../shared/sync/hubPairingCode';

export type PairingOffer = { code: string; venueId: string; deskName: string; expiresAt: number };

/** A code shown: what the person types at the desk, and until when. */
export type ShownCode = { code: string; expiresAt: number };

export function hmacHex(code: string, message: string): string {
  return createHmac('sha256', code).update(message).digest('hex');
}

export class PairingOffers {
  private offers: PairingOffer[] = [];
  private wrong = 0;

  /** `certificate`: the hub's fingerprint, which both proofs name. */
  constructor(private readonly certificate: string, private readonly now: () => number = Date.now) {}

  /** A new code for the desk `deskName` of the venue. */
  offer(venueId: string, deskName: string): ShownCode {
    const shown = hubCodeFromBytes(randomBytes(16));
    const offer = { code: readHubCode(shown)!, venueId, deskName, expiresAt: this.now() + HUB_CODE_LIFETIME_MS };
    this.offers.push(offer);
    return { code: shown, expiresAt: offer.expiresAt };
  }

  /** The offer whose code made `proof` over this hub's certificate and `nonce`, taken (once); null counts as a wrong guess. */
  claim(nonce: string, proof: string): PairingOffer | null {
    const now = this.now();
    this.offers = this.offers.filter((offer) => offer.expiresAt > now);
    const given = Buffer.from(proof, 'hex');
    const found = this.offers.find((offer) => {
      const expected = Buffer.from(hmacHex(offer.code, deskProofMessage(this.certificate, nonce)), 'hex');
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (found) {
      this.offers = this.offers.filter((offer) => offer !== found);
      return found;
    }
    this.wrong += 1;
    if (this.wrong >= HUB_CODE_MAX_WRONG) {
      this.offers = [];
      this.wrong = 0;
    }
    return null;
  }

  /** The hub's answer to a claim: proves it knew the code, over its certificate, the nonce and the token it gives. */
  answerProof(offer: PairingOffer, nonce: string, token: string): string {
    return hmacHex(offer.code, hubProofMessage(this.certificate, nonce, token));
  }

  get pending(): number {
    return this.offers.filter((offer) => offer.expiresAt > this.now()).length;
  }
}
