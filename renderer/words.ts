// People's words for what the desk says: statuses, reasons, remedies, dates. One place, so
// that the door screen and the passes screen never describe the same thing two ways.
// Refusal codes get their words from shared/rules/errors.ts (`messageFor`); this file only
// adds what the screen needs around them.
import { DateTime } from 'luxon';
import type { PassState, PassStatus } from '../shared/rules/passState';
import type { ExpiryRule, ValidFor } from '../shared/schema/records';
import type { IneligibilityReason } from '../shared/rules/eligibility';
import type { ErrorCode } from '../shared/rules/errors';
import type { PassFix } from '../shared/rules/doorFixes';
import { fixesForRefusal } from '../shared/rules/doorFixes';
import { messageFor } from '../shared/rules/errors';

/**
 * Dates shown are written "3 Mar 2026" (day, month's name, year), which reads the same at any
 * venue; dates typed follow the venue's locale (venue.locale, renderer/adjust/dateEntry.ts).
 */
const LOCALE = 'en-GB';

/**
 * A calendar date YYYY-MM-DD as people write it: "3 Mar 2026". The date is already a venue
 * day, so it is read in UTC: reading it in the desk computer's zone could shift it by one.
 */
export function dateWords(date: string): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.isValid ? day.setLocale(LOCALE).toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' }) : date;
}

/** A venue day with its weekday, for picking a day: "Fri 20 Nov 2026". */
export function dayWords(date: string): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.isValid ? day.setLocale(LOCALE).toFormat('ccc d LLL yyyy') : date;
}

/** The wall-clock time of an instant in the venue's zone: "18:30". */
export function timeWords(instant: string, timeZone: string | null): string {
  const at = DateTime.fromISO(instant, timeZone ? { zone: timeZone } : { setZone: true });
  return at.isValid ? at.toFormat('HH:mm') : instant;
}

export function usesLeftWords(remaining: number | null): string {
  if (remaining === null) return 'unlimited uses';
  if (remaining < 0) return `overdrawn by ${-remaining}`;
  if (remaining === 0) return 'no uses left';
  return remaining === 1 ? '1 use left' : `${remaining} uses left`;
}

/** Short form for the big result line: "9 left". */
export function leftWords(remaining: number | null): string {
  if (remaining === null) return 'unlimited uses';
  if (remaining < 0) return `overdrawn by ${-remaining}`;
  return `${remaining} left`;
}

export function expiryWords(expiresOn: string | null): string {
  return expiresOn === null ? 'no expiry date' : `expires ${dateWords(expiresOn)}`;
}

export const passStatusWords: Record<PassStatus, string> = {
  active: 'active',
  expired: 'expired',
  overdrawn: 'overdrawn',
  'used-up': 'no uses left',
  revoked: 'revoked',
};

/** Why one pass cannot be used, in the words of SPEC ("expired on D", "no uses left"...). */
export function reasonWords(reason: IneligibilityReason, context: { expiresOn: string | null; walkIn: boolean }): string {
  switch (reason) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return context.expiresOn === null ? 'expired' : `expired on ${dateWords(context.expiresOn)}`;
    case 'used-up':
      return 'no uses left';
    case 'not-valid-for-session':
      // SPEC: "a walk-in with no session can use only passes valid for all events".
      return context.walkIn ? 'only valid for some sessions, not for a walk-in with no session' : 'not valid for this session';
  }
}

/**
 * What staff can do (SPEC: "extend, give back a use, sell a pass on the platform"): the fixes
 * that would let the customer in (shared/rules/doorFixes.ts), then selling a pass, which
 * always helps.
 */
const fixWords: Record<PassFix, string> = {
  extend: 'extend the expiry',
  'give-back': 'give back a use',
};

export function remediesFor(refusals: readonly { reasons: readonly IneligibilityReason[] }[]): string[] {
  return [...fixesForRefusal(refusals).map((fix) => fixWords[fix]), 'sell a pass on the platform'];
}

/**
 * A refusal for people: the refusal's own sentence when it has one (it says more than the
 * code's words, which are the fallback); never both, so that nothing is said twice ("...cannot
 * be reached. Check the address and the network. No answer from ... Check the address and the
 * network."). Technical details (Refusal.details) are never part of it.
 */
export function refusalWords(code: ErrorCode, message?: string): string {
  return message ? message : messageFor(code);
}

export const storageReconnectingWords = 'Storage reconnecting…';
export const walkInWords = 'Walk-in, no session';

/** The badge on a pass: "active", "expired", "used up", "overdrawn by 2", "revoked". */
export function passBadgeWords(state: Pick<PassState, 'status' | 'overdrawnBy'>): string {
  switch (state.status) {
    case 'overdrawn':
      return `overdrawn by ${state.overdrawnBy}`;
    case 'used-up':
      return 'used up';
    default:
      return state.status;
  }
}

/** A pass's expiry rule as staff say it: "30 days from first use", "until 3 Mar 2026". */
export function expiryRuleWords(rule: ExpiryRule): string {
  switch (rule.kind) {
    case 'none':
      return 'never expires';
    case 'fixed':
      return `until ${dateWords(rule.date)}`;
    case 'relative':
      return rule.days === 1 ? '1 day from first use' : `${rule.days} days from first use`;
  }
}

/**
 * A pass's terms now, after any override, shown beside its product name (which keeps the
 * terms it was sold with: "10 classes, 30 days from first use" extended to 44 days reads
 * "10 uses, 44 days from first use").
 */
export function termsNowWords(total: number | null, rule: ExpiryRule): string {
  return `${total === null ? 'unlimited uses' : usesWords(total)}, ${expiryRuleWords(rule)}`;
}

/** Uses at a glance: "9 uses left of 10"; a revoked pass has none to use, whatever its count. */
export function usesNowWords(state: Pick<PassState, 'total' | 'used' | 'remaining' | 'revoked'>): string {
  if (state.revoked) return `revoked · ${state.used} used`;
  if (state.total === null) return `unlimited · ${state.used} used`;
  return `${usesLeftWords(state.remaining)} of ${state.total}`;
}

export function validForWords(validFor: ValidFor): string {
  return validFor === 'all' ? 'all events' : validFor.join(', ');
}

export function totalWords(total: number | null): string {
  return total === null ? 'unlimited' : String(total);
}

/** "23 uses" / "1 use" / "unlimited". */
export function usesWords(count: number | null): string {
  if (count === null) return 'unlimited';
  return count === 1 ? '1 use' : `${count} uses`;
}

/** When something happened, as short as it can be told: "18:30" today (in the venue), "24 Nov 18:30" before. */
export function whenWords(instant: string, timeZone: string | null, nowMs: number): string {
  const zone = timeZone ? { zone: timeZone } : { setZone: true };
  const at = DateTime.fromISO(instant, zone);
  if (!at.isValid) return instant;
  const today = DateTime.fromMillis(nowMs, timeZone ? { zone: timeZone } : {});
  return at.hasSame(today, 'day') ? at.toFormat('HH:mm') : at.setLocale(LOCALE).toFormat('d LLL HH:mm');
}

/** Date and venue time of an instant: "25 Nov 2026 18:30". */
export function instantWords(instant: string, timeZone: string | null): string {
  const at = DateTime.fromISO(instant, timeZone ? { zone: timeZone } : { setZone: true });
  return at.isValid ? at.setLocale(LOCALE).toFormat('d LLL yyyy HH:mm') : instant;
}
