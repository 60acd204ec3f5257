// The short pairing code a venue hub shows (docs/venue-network.md, "Pair a desk by the list"):
// staff pick the hub from the list the desk found on the network, then type ten letters. The
// code never crosses the network: the desk proves it knows the code with an HMAC bound to the
// certificate it sees, and the hub answers with an HMAC bound to the same certificate and the
// token it gives. So a machine announcing itself as the hub learns nothing it could use at the
// real hub (the desk's proof names the impostor's certificate), and cannot hand the desk a
// token of its own (it cannot make the hub's proof). Guessing online is bounded twice: the
// endpoint's limit on wrong tokens per address (30 a minute), and the hub voiding every code it
// shows after a few wrong proofs in all. 50 bits, ten minutes, once.
//
// The HMAC itself is the caller's (node:crypto on both sides): shared/ does no I/O and holds no
// secrets, only what is proved and how a code is read.

/** Crockford's base32: no I, L, O or U, so that nothing is misread at a desk. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const HUB_CODE_LENGTH = 10;
/** How long a shown code is valid (SPEC: staff type it at the desk beside the hub's screen). */
export const HUB_CODE_LIFETIME_MS = 10 * 60_000;
/** Wrong proofs, from anywhere, after which every code shown is void and must be shown again. */
export const HUB_CODE_MAX_WRONG = 10;

/** A code from random bytes (at least HUB_CODE_LENGTH of them), grouped for reading: `K7QM3-XHD9P`. */
export function hubCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < HUB_CODE_LENGTH) throw new Error(`a hub code needs ${HUB_CODE_LENGTH} random bytes`);
  const letters = Array.from(bytes.slice(0, HUB_CODE_LENGTH), (byte) => ALPHABET[byte % 32]).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** The code as typed: case, spaces and dashes ignored, O read as 0 and I or L as 1; null when it cannot be one. */
export function readHubCode(text: string): string | null {
  const letters = text.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (letters.length !== HUB_CODE_LENGTH) return null;
  for (const letter of letters) if (!ALPHABET.includes(letter)) return null;
  return letters;
}

/** What the desk signs with the code: the hub's certificate as the desk sees it, and its own nonce. */
export function deskProofMessage(certificate: string, nonce: string): string {
  return `boxoffice-hub-pairing desk ${certificate.toUpperCase()} ${nonce}`;
}

/** What the hub signs with the code: the same, and the token it gives. */
export function hubProofMessage(certificate: string, nonce: string, token: string): string {
  return `boxoffice-hub-pairing hub ${certificate.toUpperCase()} ${nonce} ${token}`;
}

/** The `Authorization` header of a claim: `Pairing <nonce>.<proof>` (hex both). */
export function pairingAuthorization(nonce: string, proof: string): string {
  return `Pairing ${nonce}.${proof}`;
}

export function readPairingAuthorization(header: string | undefined): { nonce: string; proof: string } | null {
  const match = /^Pairing ([0-9a-f]{32})\.([0-9a-f]{64})$/.exec(header ?? '');
  return match ? { nonce: match[1]!, proof: match[2]! } : null;
}
