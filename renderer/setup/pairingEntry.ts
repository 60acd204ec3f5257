// What was typed to pair a desk: one field takes a pairing code (BOX1-…, the endpoint's
// address and a device token in one) or the endpoint's address, with the token beside it.
// Checked with the same schema main uses, so a mistake is named before anything is sent.
import { pairEndpointInput } from '../../shared/schema/api';
import { decodePairingCode, looksLikePairingCode } from '../../shared/schema/pairingCode';
import type { Saying } from '../../shared/i18n/catalogs';

export type PairingSettings = { url: string; token: string; certificate?: string };
export type PairingEntry = { ok: true; settings: PairingSettings } | { ok: false; words: Saying; lines: Saying[] };

export function readPairingEntry(entry: string, token: string): PairingEntry {
  if (looksLikePairingCode(entry)) {
    const decoded = decodePairingCode(entry);
    // A hub's code carries its certificate, which the desk pins.
    if (decoded.ok) return { ok: true, settings: { url: decoded.pairing.url, token: decoded.pairing.token, ...(decoded.pairing.certificate ? { certificate: decoded.pairing.certificate } : {}) } };
    return { ok: false, words: { id: 'pair.codeIncomplete' }, lines: [] };
  }
  const checked = pairEndpointInput.safeParse({ url: entry, token });
  if (checked.success) return { ok: true, settings: { url: checked.data.url, token: checked.data.token } };
  return { ok: false, words: { id: 'pair.checkEntry' }, lines: oncePerLine(checked.error.issues.map(issueLine)) };
}

/** One field can fail more than one check of the schema (a URL that is neither a URL nor http[s]): its line is said once. */
function oncePerLine(lines: Saying[]): Saying[] {
  return lines.filter((line, index) => lines.findIndex((other) => other.id === line.id) === index);
}

function issueLine(issue: { path: PropertyKey[]; code: string }): Saying {
  if (issue.path[0] === 'token') return { id: issue.code === 'too_small' ? 'pair.tokenShort' : 'pair.tokenInvalid' };
  return { id: 'pair.addressInvalid' };
}
