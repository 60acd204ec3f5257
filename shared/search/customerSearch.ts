// Finding a customer at the door (SPEC "Check-in at the door"): "Search matches the start of
// any word of the name or email, ignoring case, accents and punctuation ('jose nunez' finds
// José Núñez, 'obrien' finds O'Brien); a pass code matches exactly, ignoring case".
// The index is MiniSearch (in memory); this file only decides what a word is.
import MiniSearch from 'minisearch';
import type { Customer } from '../schema/records';

/** Folds case and accents: "Núñez" → "nunez". */
export function foldWord(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The words of a name or email. Apostrophes and hyphens inside a name are punctuation, so
 * "O'Brien" gives "obrien" (typed without the apostrophe) as well as "o" and "brien".
 */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const chunk of foldWord(text).split(/[\s@.,;:_+/\\()[\]"<>|]+/u)) {
    if (!chunk) continue;
    const joined = chunk.replace(/[^\p{L}\p{N}]+/gu, '');
    if (joined) words.add(joined);
    for (const part of chunk.split(/[^\p{L}\p{N}]+/u)) if (part) words.add(part);
  }
  return [...words];
}

/** Pass codes match exactly, ignoring case (and the spaces a scanner or a person may add). */
export function normalizePassCode(code: string): string {
  return code.trim().toUpperCase();
}

export type CustomerSearchHit = { customerId: string; matchedCode: string | null };

type IndexedCustomer = { id: string; name: string; email: string };

export class CustomerSearch {
  private readonly index = new MiniSearch<IndexedCustomer>({
    fields: ['name', 'email'],
    storeFields: [],
    tokenize: (text) => wordsOf(text),
    processTerm: (term) => term,
    searchOptions: {
      prefix: true,
      combineWith: 'AND',
      boost: { name: 2 },
      tokenize: (text) => wordsOf(text),
      processTerm: (term) => term,
    },
  });
  private readonly names = new Map<string, string>();
  private readonly codes = new Map<string, { customerId: string; code: string }>();
  private readonly codesByPass = new Map<string, string>();

  upsertCustomer(customer: Customer): void {
    const doc = { id: customer.id, name: customer.name, email: customer.email ?? '' };
    if (this.names.has(customer.id)) this.index.replace(doc);
    else this.index.add(doc);
    this.names.set(customer.id, foldWord(customer.name));
  }

  removeCustomer(customerId: string): void {
    if (!this.names.has(customerId)) return;
    this.index.discard(customerId);
    this.names.delete(customerId);
  }

  upsertPassCode(passId: string, customerId: string, code: string): void {
    this.removePassCode(passId);
    if (!code) return;
    const key = normalizePassCode(code);
    this.codes.set(key, { customerId, code });
    this.codesByPass.set(passId, key);
  }

  removePassCode(passId: string): void {
    const key = this.codesByPass.get(passId);
    if (key === undefined) return;
    this.codes.delete(key);
    this.codesByPass.delete(passId);
  }

  /** Best match first: an exact pass code, then word-prefix matches by score, then by name. */
  search(query: string, limit = 10): CustomerSearchHit[] {
    const hits: CustomerSearchHit[] = [];
    const seen = new Set<string>();
    const byCode = this.codes.get(normalizePassCode(query));
    if (byCode) {
      hits.push({ customerId: byCode.customerId, matchedCode: byCode.code });
      seen.add(byCode.customerId);
    }
    if (wordsOf(query).length === 0) return hits;
    const results = this.index.search(query);
    // Equal scores are ordered by name, then id, so the list never jumps between keystrokes.
    results.sort((a, b) => b.score - a.score || this.compareNames(String(a.id), String(b.id)));
    for (const result of results) {
      if (hits.length >= limit) break;
      const id = String(result.id);
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({ customerId: id, matchedCode: null });
    }
    return hits.slice(0, limit);
  }

  get size(): number {
    return this.names.size;
  }

  private compareNames(a: string, b: string): number {
    const na = this.names.get(a) ?? '';
    const nb = this.names.get(b) ?? '';
    return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }
}
