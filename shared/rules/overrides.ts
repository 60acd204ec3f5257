// Overrides of a single customer's pass (SPEC "Expiry", "Uses", "Revoking").
// The number staff enter is always the whole thing: the whole timeframe (30 + 14 → 44),
// the total the pass started with (23 with 5 used, one taken away → 22).
import type { ExpiryOverride, PassTerms } from '../schema/records';
import type { PassState, PassTally } from './passState';
import { expiresOnFor, passStateFromTally } from './passState';
import { addDays } from './venueTime';

export type OverrideRefusal = 'pass-revoked' | 'total-below-used';

/** SPEC: "Overrides of a revoked pass are refused." */
export function refuseExpiryOverride(state: Pick<PassState, 'revoked'>): OverrideRefusal | null {
  return state.revoked ? 'pass-revoked' : null;
}

/** SPEC: "A total below the uses already redeemed is refused with that reason." */
export function refuseUsesOverride(state: Pick<PassState, 'revoked' | 'used'>, total: number): OverrideRefusal | null {
  if (state.revoked) return 'pass-revoked';
  if (total < state.used) return 'total-below-used';
  return null;
}

/**
 * "Extend by N days" as the override to save: the whole timeframe for a relative rule
 * (30 days extended by 14 is 44), the date N days later for a fixed one. A pass with no
 * expiry has nothing to extend (null).
 */
export function extendExpiryBy(rule: PassTerms['expiry'], days: number): ExpiryOverride | null {
  switch (rule.kind) {
    case 'none':
      return null;
    case 'fixed':
      return { kind: 'fixed', date: addDays(rule.date, days) };
    case 'relative':
      return { kind: 'relative', days: rule.days + days };
  }
}

/** The pass as it would be after an expiry override: shown before staff save. */
export function previewExpiryOverride(tally: PassTally, override: ExpiryOverride, timeZone: string, nowMs: number): PassState {
  return passStateFromTally({ ...tally, expiryRule: override }, timeZone, nowMs);
}

/** The pass as it would be after a uses override: total, used and remaining after the change. */
export function previewUsesOverride(tally: PassTally, total: number, timeZone: string, nowMs: number): PassState {
  return passStateFromTally({ ...tally, total }, timeZone, nowMs);
}

/** The expiry date an override gives for a pass first used on `firstUseOn`. */
export function expiresOnAfterOverride(override: ExpiryOverride, firstUseOn: string | null): string | null {
  return expiresOnFor(override, firstUseOn);
}
