// Finding a customer at the door (SPEC "Check-in at the door"): "Search matches the start of
// any word of the name or email, ignoring case, accents and punctuation ('jose nunez' finds
// José Núñez, 'obrien' finds O'Brien); a pass code matches exactly, ignoring case ...
// Results are ranked, best first."
//
// Why a small hand-written index rather than a library: MiniSearch (used here before) scores
// and sorts every match before it cuts, so one letter at 100,000 customers ("e": nearly every
// email says "example") cost up to a second a keystroke; uFuzzy, the other candidate, runs
// its pattern over every customer at each keystroke (test/bench/searchBench.ts measures it).
// Here every word of every customer sits in one sorted array, so a typed prefix is one
// contiguous range of it (a binary search), and each word's customers are kept in rank order.
// The ranking below is chosen so that the best N are read off the front of that range: with
// one word typed the search stops at the limit whatever the venue's size; with more, it reads
// at most the customers of one word (the narrowest, or the first typed), usually far fewer.
//
// Ranking, best first (a total order, so the list never reshuffles between equal keystrokes):
//  1. for each word typed, in the order typed, the customer's word it is the start of,
//     alphabetically; a whole word sorts before its longer completions ("ann" < "anna"), so
//     whole-word matches come first;
//  2. fewer words in the name ("Ada King" before "Ada Mary King");
//  3. the name (folded), then the customer id.
// An exact pass code, then an exact email, come before all of these.
import type { Customer } from '../schema/records';

/** Letters that do not decompose into a base letter and an accent under NFKD. */
const FOLDED_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

/** Folds case and accents: "Núñez" → "nunez", "Søren" → "soren". */
export function foldWord(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[øæœßłđıþð]/gu, (letter) => FOLDED_LETTERS[letter] ?? letter);
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

/** An email matches exactly when typed whole, ignoring case, accents and surrounding spaces. */
function normalizeEmail(email: string): string {
  return foldWord(email.trim());
}

export type CustomerSearchHit = { customerId: string; matchedCode: string | null };

/**
 * An index's costly part done once, in one realm (folding every name, sorting), to be taken
 * in by another without either (`takePrepared…`): the renderer's copy of the search is
 * prepared in a worker and taken in by the page a slice at a time (renderer/search/).
 */
export type PreparedEntry = { id: string; order: string; email: string; words: string[] };
export type PreparedCode = { passId: string; customerId: string; code: string };
export type PreparedIndex = { entries: PreparedEntry[]; words: string[]; codes: PreparedCode[] };

type Entry = {
  id: string;
  /** Rank steps 2 and 3 as one string: word count, folded name, id (unique per customer). */
  order: string;
  words: readonly string[];
  email: string;
  /** The search that last looked at this entry: dedupes a customer met under several words. */
  seenBy: number;
};

/** A match and, for each word typed, the customer's word it starts (rank step 1). */
type Ranked = { entry: Entry; completes: string[] };

/**
 * Multi-word queries read every candidate of their narrowest word when it has at most this
 * many (then rank them); above it, every word typed is short and common, and the search walks
 * the first word's range in rank order instead, stopping at the limit.
 */
const COLLECT_AT_MOST = 4096;
/** More changes than this between two searches (an import, a first sync) rebuild the index at once. */
const REBUILD_AFTER = 1000;

function entryOf(customer: Customer): Entry {
  const email = customer.email ?? '';
  const wordCount = customer.name.trim().split(/\s+/u).filter(Boolean).length;
  return {
    id: customer.id,
    order: `${String.fromCharCode(wordCount)}${foldWord(customer.name)}\u0000${customer.id}`,
    words: wordsOf(`${customer.name} ${email}`),
    email: normalizeEmail(email),
    seenBy: 0,
  };
}

/** The first index whose item is not `before` (items sorted so that `before` holds for a prefix). */
function lowerBound<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(items[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: Entry, b: Entry): number {
  return compareStrings(a.order, b.order);
}

function compareCompletions(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const order = compareStrings(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return 0;
}

/** The alphabetically first of `words` that `prefix` starts, or null. */
function completionOf(words: readonly string[], prefix: string): string | null {
  let best: string | null = null;
  for (const word of words) if (word.startsWith(prefix) && (best === null || word < best)) best = word;
  return best;
}

/** For each wanted prefix, its completion among `words`; null if one completes none. */
function completionsOf(words: readonly string[], wanted: readonly string[]): string[] | null {
  const completes: string[] = [];
  for (const prefix of wanted) {
    const best = completionOf(words, prefix);
    if (best === null) return null;
    completes.push(best);
  }
  return completes;
}

/**
 * Keeps the best `room` candidates offered, best first, without sorting them all: a short
 * word such as "ex" can stand for every customer. A candidate equal to one kept goes after it.
 */
function keepBest(best: Ranked[], room: number, candidate: Ranked, compare: (a: Ranked, b: Ranked) => number): void {
  if (best.length >= room && compare(candidate, best[best.length - 1]!) >= 0) return;
  best.splice(lowerBound(best, (kept) => compare(kept, candidate) <= 0), 0, candidate);
  if (best.length > room) best.pop();
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

export class CustomerSearch {
  private readonly entries = new Map<string, Entry>();
  private readonly emails = new Map<string, Entry[]>();
  /** Normalized code → the passes that carry it (one, unless the platform's data repeats a code). */
  private readonly codes = new Map<string, { passId: string; customerId: string; code: string }[]>();
  private readonly codesByPass = new Map<string, string>();
  /** Every word of every customer, sorted, and each word's customers in rank order (steps 2–3). */
  private words: string[] = [];
  private readonly postings = new Map<string, Entry[]>();
  /**
   * Customers taken at a desk's start and not folded yet (`takeLater`): folded a slice at a
   * time after the door opens (`foldSome`), or all at once by whatever reads the index first.
   */
  private readonly unfolded = new Map<string, Customer>();
  /** False until the first search, and after many changes: a load is cheap, sorted once. */
  private built = false;
  private changesSinceSearch = 0;
  private searches = 0;
  private readonly collectAtMost: number;

  /** `collectAtMost` is a tuning knob (tests set 0 to exercise the walk on small data). */
  constructor(options: { collectAtMost?: number } = {}) {
    this.collectAtMost = options.collectAtMost ?? COLLECT_AT_MOST;
  }

  upsertCustomer(customer: Customer): void {
    // A newer record than one waiting to be folded: the waiting one is out of date.
    this.unfolded.delete(customer.id);
    const previous = this.entries.get(customer.id);
    const entry = entryOf(customer);
    if (previous && previous.order === entry.order && previous.email === entry.email && sameWords(previous.words, entry.words)) return;
    if (previous) this.forget(previous);
    this.entries.set(entry.id, entry);
    if (entry.email) {
      const owners = this.emails.get(entry.email);
      if (owners) owners.push(entry);
      else this.emails.set(entry.email, [entry]);
    }
    if (this.built) this.afterChange(() => this.post(entry));
  }

  /**
   * A customer of a bulk load, kept as it is: folding its name and email (most of the index's
   * cost) waits for `foldSome`, or for the first search, which folds what is left first.
   */
  takeLater(customer: Customer): void {
    // What folding would throw on is thrown now, to the one taking it in, never later to a search.
    if (typeof customer.name !== 'string' || (customer.email != null && typeof customer.email !== 'string')) {
      throw new Error('a customer needs a name and, if any, an email as text');
    }
    this.unfolded.set(customer.id, customer);
  }

  /** Customers taken by `takeLater` and not folded yet. */
  get waitingToFold(): number {
    return this.unfolded.size;
  }

  /** Folds up to `count` of the customers waiting; sorts the index once none is left. True when none is left. */
  foldSome(count: number): boolean {
    for (const customer of this.unfolded.values()) {
      if (count <= 0) break;
      this.upsertCustomer(customer);
      count -= 1;
    }
    if (this.unfolded.size > 0) return false;
    this.buildNow();
    return true;
  }

  removeCustomer(customerId: string): void {
    this.unfolded.delete(customerId);
    const entry = this.entries.get(customerId);
    if (entry) this.forget(entry);
  }

  upsertPassCode(passId: string, customerId: string, code: string): void {
    this.removePassCode(passId);
    if (!code) return;
    const key = normalizePassCode(code);
    const passes = [...(this.codes.get(key) ?? []), { passId, customerId, code }];
    this.codes.set(key, passes.sort((a, b) => compareStrings(a.passId, b.passId)));
    this.codesByPass.set(passId, key);
  }

  removePassCode(passId: string): void {
    const key = this.codesByPass.get(passId);
    if (key === undefined) return;
    this.codesByPass.delete(passId);
    const kept = (this.codes.get(key) ?? []).filter((pass) => pass.passId !== passId);
    if (kept.length > 0) this.codes.set(key, kept);
    else this.codes.delete(key);
  }

  /** Sorts the index now, after a bulk load, rather than at the first keystroke. */
  buildNow(): void {
    this.foldWaiting();
    if (!this.built) this.rebuild();
    this.changesSinceSearch = 0;
  }

  /** Best match first (see the ranking at the top of this file), at most `limit`. */
  search(query: string, limit = 10): CustomerSearchHit[] {
    this.foldWaiting();
    const searchId = (this.searches += 1);
    const hits: CustomerSearchHit[] = [];
    const taken = new Set<string>();
    const take = (customerId: string, matchedCode: string | null) => {
      if (taken.has(customerId)) return;
      taken.add(customerId);
      const entry = this.entries.get(customerId);
      if (entry) entry.seenBy = searchId; // not again among the word matches
      hits.push({ customerId, matchedCode });
    };
    for (const pass of this.codes.get(normalizePassCode(query)) ?? []) take(pass.customerId, pass.code);
    for (const owner of [...(this.emails.get(normalizeEmail(query)) ?? [])].sort(compareEntries)) take(owner.id, null);
    const wanted = wordsOf(query);
    if (wanted.length === 0 || hits.length >= limit) return hits.slice(0, limit);

    this.buildNow();
    const starts: number[] = [];
    for (const prefix of wanted) {
      const start = lowerBound(this.words, (word) => word < prefix);
      if (!this.words[start]?.startsWith(prefix)) return hits; // some word typed starts no word
      starts.push(start);
    }
    const room = limit - hits.length;
    let found: Entry[];
    if (wanted.length === 1) {
      found = this.walk(wanted, starts, room, searchId);
    } else {
      // The narrowest word typed, by how many customers its range holds (counted up to the cap).
      let narrowest = 0;
      let narrowestSize = Infinity;
      wanted.forEach((prefix, index) => {
        const size = this.countUpTo(prefix, starts[index]!, Math.min(narrowestSize, this.collectAtMost + 1));
        if (size < narrowestSize) [narrowest, narrowestSize] = [index, size];
      });
      found = narrowestSize <= this.collectAtMost
        ? this.collect(wanted, wanted[narrowest]!, starts[narrowest]!, room, searchId)
        : this.walk(wanted, starts, room, searchId);
    }
    for (const entry of found) hits.push({ customerId: entry.id, matchedCode: null });
    return hits;
  }

  get size(): number {
    this.foldWaiting();
    return this.entries.size;
  }

  /** The entries in rank order, every word sorted, the codes by code then pass: see `PreparedIndex`. */
  prepare(): PreparedIndex {
    this.foldWaiting();
    const entries = [...this.entries.values()].sort(compareEntries).map(({ id, order, email, words }) => ({ id, order, email, words: [...words] }));
    const words = [...new Set(entries.flatMap((entry) => entry.words))].sort(compareStrings);
    const codes = [...this.codes.keys()].sort(compareStrings).flatMap((key) => this.codes.get(key)!.map((pass) => ({ ...pass })));
    return { entries, words, codes };
  }

  /**
   * Part of a prepared index, into an empty one, in the order `prepare` gave it: each entry is
   * appended to its words' lists, which that order keeps sorted. Not to be searched before
   * `finishPrepared`.
   */
  takePreparedEntries(entries: readonly PreparedEntry[]): void {
    for (const { id, order, email, words } of entries) {
      if (this.entries.has(id)) continue;
      const entry: Entry = { id, order, email, words, seenBy: 0 };
      this.entries.set(id, entry);
      if (email) {
        const owners = this.emails.get(email);
        if (owners) owners.push(entry);
        else this.emails.set(email, [entry]);
      }
      for (const word of words) {
        const list = this.postings.get(word);
        if (list) list.push(entry);
        else this.postings.set(word, [entry]);
      }
    }
  }

  takePreparedCodes(codes: readonly PreparedCode[]): void {
    for (const { passId, customerId, code } of codes) {
      if (!code || this.codesByPass.has(passId)) continue;
      const key = normalizePassCode(code);
      const passes = this.codes.get(key);
      if (passes) passes.push({ passId, customerId, code });
      else this.codes.set(key, [{ passId, customerId, code }]);
      this.codesByPass.set(passId, key);
    }
  }

  /** The customer whose pass carries a code here, or undefined. */
  ownerOfPassCode(passId: string): string | undefined {
    const key = this.codesByPass.get(passId);
    return key === undefined ? undefined : this.codes.get(key)?.find((pass) => pass.passId === passId)?.customerId;
  }

  /** The last part: every word of the entries taken, sorted. The index is ready to search. */
  finishPrepared(words: readonly string[]): void {
    const held = words.filter((word) => this.postings.has(word));
    // Words that do not match the entries taken (a part lost on the way): sorted here instead.
    this.words = held.length === this.postings.size ? held : [...this.postings.keys()].sort(compareStrings);
    this.built = true;
    this.changesSinceSearch = 0;
  }

  /**
   * The first word's range in rank order: words alphabetically, each word's customers in
   * order, a customer counted under the first (smallest) word it appears under. With one
   * word typed that is the ranking itself and the walk stops at the limit; with more, the
   * customers under one word are ranked by the other words' completions, then cut.
   */
  private walk(wanted: readonly string[], starts: readonly number[], room: number, searchId: number): Entry[] {
    const [first, ...others] = wanted as [string, ...string[]];
    const found: Entry[] = [];
    const byCompletions = (a: Ranked, b: Ranked) => compareCompletions(a.completes, b.completes);
    for (let index = starts[0]!; index < this.words.length && this.words[index]!.startsWith(first); index += 1) {
      const word = this.words[index]!;
      const posting = this.postings.get(word)!;
      if (others.length === 0) {
        for (const entry of posting) {
          if (entry.seenBy === searchId) continue;
          entry.seenBy = searchId;
          found.push(entry);
          if (found.length >= room) return found;
        }
        continue;
      }
      // A word that most customers share (an email's domain: "ex a", "gmail com") is not read
      // whole: the next word's range, in its own order, gives its customers already ranked.
      if (posting.length > this.collectAtMost && this.countUpTo(others[0]!, starts[1]!, posting.length) < posting.length) {
        if (this.walkUnder(word, wanted, starts[1]!, room, searchId, found)) return found;
        continue;
      }
      const underWord: Ranked[] = [];
      for (const entry of posting) {
        if (entry.seenBy === searchId) continue;
        entry.seenBy = searchId;
        const completes = completionsOf(entry.words, others);
        // Offered in rank order (steps 2–3), so equal completions keep the earlier customer.
        if (completes) keepBest(underWord, room - found.length, { entry, completes }, byCompletions);
      }
      for (const { entry } of underWord) found.push(entry);
      if (found.length >= room) return found;
    }
    return found;
  }

  /**
   * The customers whose first word typed completes to `word`, ranked, read through the second
   * word's range (smaller than `word`'s customers). Says whether `found` is full.
   */
  private walkUnder(word: string, wanted: readonly string[], start: number, room: number, searchId: number, found: Entry[]): boolean {
    const [first, second, ...others] = wanted as [string, string, ...string[]];
    for (let index = start; index < this.words.length && this.words[index]!.startsWith(second); index += 1) {
      const underBoth: Ranked[] = [];
      for (const entry of this.postings.get(this.words[index]!)!) {
        if (entry.seenBy === searchId) continue;
        // Left unmarked: it belongs under a later word of the first range.
        if (completionOf(entry.words, first) !== word) continue;
        entry.seenBy = searchId;
        if (others.length === 0) {
          found.push(entry);
          if (found.length >= room) return true;
          continue;
        }
        const completes = completionsOf(entry.words, others);
        if (completes) keepBest(underBoth, room - found.length, { entry, completes }, (a, b) => compareCompletions(a.completes, b.completes));
      }
      for (const { entry } of underBoth) found.push(entry);
      if (found.length >= room) return true;
    }
    return false;
  }

  /** Every customer under the narrowest word's range that matches all the words, ranked. */
  private collect(wanted: readonly string[], narrowest: string, start: number, room: number, searchId: number): Entry[] {
    const best: Ranked[] = [];
    const compare = (a: Ranked, b: Ranked) => compareCompletions(a.completes, b.completes) || compareEntries(a.entry, b.entry);
    for (let index = start; index < this.words.length && this.words[index]!.startsWith(narrowest); index += 1) {
      for (const entry of this.postings.get(this.words[index]!)!) {
        if (entry.seenBy === searchId) continue;
        entry.seenBy = searchId;
        const completes = completionsOf(entry.words, wanted);
        if (completes) keepBest(best, room, { entry, completes }, compare);
      }
    }
    return best.map(({ entry }) => entry);
  }

  /** How many (customer, word) pairs a prefix's range holds, counting no further than `cap`. */
  private countUpTo(prefix: string, start: number, cap: number): number {
    let count = 0;
    for (let index = start; count < cap && index < this.words.length && this.words[index]!.startsWith(prefix); index += 1) {
      count += this.postings.get(this.words[index]!)!.length;
    }
    return count;
  }

  /** Every customer still waiting, folded now (before the index is read). */
  private foldWaiting(): void {
    for (const customer of this.unfolded.values()) this.upsertCustomer(customer);
  }

  private afterChange(apply: () => void): void {
    this.changesSinceSearch += 1;
    if (this.changesSinceSearch <= REBUILD_AFTER) {
      apply();
      return;
    }
    // A bulk change: stop keeping the sorted arrays up to date; the next search sorts once.
    this.built = false;
    this.words = [];
    this.postings.clear();
  }

  private forget(entry: Entry): void {
    this.entries.delete(entry.id);
    const owners = this.emails.get(entry.email);
    if (owners) {
      const kept = owners.filter((owner) => owner !== entry);
      if (kept.length > 0) this.emails.set(entry.email, kept);
      else this.emails.delete(entry.email);
    }
    if (this.built) this.afterChange(() => this.unpost(entry));
  }

  private rebuild(): void {
    this.postings.clear();
    for (const entry of [...this.entries.values()].sort(compareEntries)) {
      for (const word of entry.words) {
        const list = this.postings.get(word);
        if (list) list.push(entry);
        else this.postings.set(word, [entry]);
      }
    }
    this.words = [...this.postings.keys()].sort(compareStrings);
    this.built = true;
  }

  private post(entry: Entry): void {
    for (const word of entry.words) {
      const list = this.postings.get(word);
      if (list) {
        list.splice(lowerBound(list, (other) => other.order < entry.order), 0, entry);
      } else {
        this.postings.set(word, [entry]);
        this.words.splice(lowerBound(this.words, (other) => other < word), 0, word);
      }
    }
  }

  private unpost(entry: Entry): void {
    for (const word of entry.words) {
      const list = this.postings.get(word);
      if (!list) continue;
      const index = lowerBound(list, (other) => other.order < entry.order);
      if (list[index] === entry) list.splice(index, 1);
      if (list.length > 0) continue;
      this.postings.delete(word);
      const at = lowerBound(this.words, (other) => other < word);
      if (this.words[at] === word) this.words.splice(at, 1);
    }
  }
}
