// The pass state fold: terms snapshot + bookings paid with the pass + its ledger entries →
// status, total, used, remaining, expiresOn, firstUseOn, overdrawnBy. The entries are first
// summed up (shared/rules/passSummary.ts), so a summary and later entries give the same state.
// It is a function of the *set* of entries: any order and any duplication give the same
// state (every check-in from every desk counts once; the latest override by hybrid logical
// clock wins; a revocation is final). History is the ledger itself; nothing here is stored.
import type { Booking, LedgerEntry, Pass, PassTerms } from '../schema/records';
import type { PassSummary } from './passSummary';
import { summarizeEntries } from './passSummary';
import { addDays, instantMs, venueDayOf } from './venueTime';

export type PassStatus = 'revoked' | 'expired' | 'overdrawn' | 'used-up' | 'active';

export type PassState = {
  status: PassStatus;
  /** Uses the pass started with, after any override; null = unlimited. */
  total: number | null;
  /** Redemptions not undone: bookings paid with it and charged check-ins. */
  used: number;
  /** total − used; null when unlimited; below zero only after a merge (overdrawn). */
  remaining: number | null;
  /** The last valid day in the venue zone, or null (no expiry, or relative and never used). */
  expiresOn: string | null;
  /** The venue day of the earliest redemption not undone. */
  firstUseOn: string | null;
  overdrawnBy: number;
  revoked: boolean;
  /** Past its expiry date at the moment folded for (whatever else applies). */
  expired: boolean;
};

export type PassFacts = Pick<Pass, 'terms' | 'purchasedAt'>;

type Redemption = { instantMs: number; at: string };

/** What the entries add up to, before the clock is consulted. */
export type PassTally = {
  total: number | null;
  used: number;
  firstUse: Redemption | null;
  expiryRule: PassTerms['expiry'];
  revoked: boolean;
};

export function tallyPass(pass: PassFacts, bookings: readonly Booking[], entries: readonly LedgerEntry[]): PassTally {
  return tallyOfSummary(pass, bookings, summarizeEntries(entries));
}

/** The tally of a pass from its bookings and the summary of its ledger entries. */
export function tallyOfSummary(pass: PassFacts, bookings: readonly Booking[], summary: PassSummary): PassTally {
  let used = 0;
  let firstUse: Redemption | null = null;
  const consider = (at: string) => {
    used += 1;
    const ms = instantMs(at);
    if (!firstUse || ms < firstUse.instantMs) firstUse = { instantMs: ms, at };
  };
  const seenBookings = new Set<string>();
  for (const booking of bookings) {
    if (seenBookings.has(booking.id)) continue;
    seenBookings.add(booking.id);
    consider(booking.bookedAt);
  }
  for (const at of summary.charged.values()) consider(at);

  return {
    total: summary.usesOverride ? summary.usesOverride.total : pass.terms.uses,
    used,
    firstUse,
    // SPEC: "either override replaces the original pass settings (and replaces the other override)".
    expiryRule: summary.expiryOverride ? summary.expiryOverride.expiry : pass.terms.expiry,
    revoked: summary.revoked,
  };
}

/** The expiry date a rule gives, in the venue zone: fixed D, or F + N for first use on F. */
export function expiresOnFor(rule: PassTerms['expiry'], firstUseOn: string | null): string | null {
  switch (rule.kind) {
    case 'none':
      return null;
    case 'fixed':
      return rule.date;
    case 'relative':
      return firstUseOn === null ? null : addDays(firstUseOn, rule.days);
  }
}

/** SPEC: "A pass whose expiry date is D is valid until the end of day D in the venue's zone." */
export function isExpiredOn(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && today > expiresOn;
}

export function passStateFromTally(tally: PassTally, timeZone: string, nowMs: number): PassState {
  const firstUseOn = tally.firstUse ? venueDayOf(tally.firstUse.at, timeZone) : null;
  const expiresOn = expiresOnFor(tally.expiryRule, firstUseOn);
  const remaining = tally.total === null ? null : tally.total - tally.used;
  const overdrawnBy = remaining !== null && remaining < 0 ? -remaining : 0;
  const expired = isExpiredOn(expiresOn, venueDayOf(nowMs, timeZone));
  // FORMAT.md: "the first that applies in that order".
  const status: PassStatus = tally.revoked ? 'revoked'
    : expired ? 'expired'
    : overdrawnBy > 0 ? 'overdrawn'
    : remaining === 0 ? 'used-up'
    : 'active';
  return { status, total: tally.total, used: tally.used, remaining, expiresOn, firstUseOn, overdrawnBy, revoked: tally.revoked, expired };
}

/** The fold: a pass's state at instant `nowMs` in the venue zone. */
export function foldPassState(
  pass: PassFacts,
  bookings: readonly Booking[],
  entries: readonly LedgerEntry[],
  timeZone: string,
  nowMs: number,
): PassState {
  return passStateFromTally(tallyPass(pass, bookings, entries), timeZone, nowMs);
}
