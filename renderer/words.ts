// People's words for what the desk says: statuses, reasons, remedies, dates, refusals. One
// place, so that the door screen and the passes screen never describe the same thing two
// ways. Every word comes from the catalog of the desk's language (renderer/i18n/), every
// date, time and number from Intl for its locale: nothing here is written in one language.
//
// Free of React (the screen's hook is renderer/i18n/useWords.ts, which adds words with tags), so
// that tests and pure modules read the same words as the screen.
import type { IntlShape } from '@formatjs/intl';
import type { PassState, PassStatus } from '../shared/rules/passState';
import type { ExpiryRule, ValidFor } from '../shared/schema/records';
import type { IneligibilityReason } from '../shared/rules/eligibility';
import type { ErrorCode } from '../shared/rules/errors';
import type { DeskNote } from '../shared/rules/deskNotes';
import { fixesForRefusal } from '../shared/rules/doorFixes';
import type { ImportProblemLine } from '../shared/venue/importProblems';
import { sayProblemLine } from '../shared/venue/importProblems';
import type { MessageId, MessageValues } from '../shared/i18n/catalogs';
import type { DateEntryFormat } from './adjust/dateEntry';
import { dateEntryFormat } from './adjust/dateEntry';

/** A calendar day YYYY-MM-DD is already a venue day: read and written in UTC, so that no zone shifts it by one. */
const AS_A_DAY = { timeZone: 'UTC' } as const;

function zoned(timeZone: string | null): { timeZone?: string } {
  return timeZone ? { timeZone } : {};
}

export function makeWords(intl: IntlShape) {
  const t = (id: MessageId, values?: MessageValues): string => intl.formatMessage({ id }, values);
  // A message with tags (<kbd>, <b>) is said as plain words here; the screen's hook renders the tags.

  const validDay = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
  const validInstant = (instant: string) => !Number.isNaN(Date.parse(instant));
  // A 24-hour locale writes the hour in two digits ("00:05", "18:30"); a 12-hour one does not ("6:30 PM").
  const hourCycle = new Intl.DateTimeFormat(intl.locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const hour = hourCycle === 'h23' || hourCycle === 'h24' ? '2-digit' as const : 'numeric' as const;
  const clock = (timeZone: string | null) => ({ ...zoned(timeZone), hour, minute: '2-digit' as const });

  /** A calendar date as the locale writes it short: "3 Mar 2026" (en-GB), "Mar 3, 2026" (en-US). */
  const dateWords = (date: string): string =>
    validDay(date) ? intl.formatDate(`${date}T00:00:00Z`, { ...AS_A_DAY, day: 'numeric', month: 'short', year: 'numeric' }) : date;

  const usesLeftWords = (remaining: number | null): string => {
    if (remaining === null) return t('words.unlimitedUses');
    if (remaining < 0) return t('words.overdrawnBy', { count: -remaining });
    return t('words.usesLeft', { remaining });
  };

  const expiryRuleWords = (rule: ExpiryRule): string => {
    switch (rule.kind) {
      case 'none':
        return t('rule.never');
      case 'fixed':
        return t('rule.until', { date: dateWords(rule.date) });
      case 'relative':
        return t('rule.relative', { days: rule.days });
    }
  };

  const usesWords = (count: number | null): string => (count === null ? t('words.unlimited') : t('words.uses', { count }));

  const noteWords = (note: DeskNote): string => {
    switch (note.note) {
      case 'unsynced-entries-kept': {
        const entries = [
          note.checkIns > 0 ? t('words.checkIns', { count: note.checkIns }) : null,
          note.changes > 0 ? t('words.passChanges', { count: note.changes }) : null,
        ].filter((part) => part !== null);
        return t('note.unsynced-entries-kept', { venue: note.venue, entries: intl.formatList(entries, { type: 'conjunction' }) });
      }
      default: {
        const { note: code, ...values } = note;
        return t(`note.${code}`, values);
      }
    }
  };

  return {
    /** The catalog's message `id` with its values. */
    t,
    /** The locale whose dates and numbers are shown (a BCP 47 tag). */
    locale: intl.locale,
    dateWords,
    /** How a date is typed on this desk: its locale's short-date pattern, in its language's letters. */
    dateEntry: (): DateEntryFormat => dateEntryFormat(intl.locale, {
      day: t('adjust.dateLetters', { part: 'day' }),
      month: t('adjust.dateLetters', { part: 'month' }),
      year: t('adjust.dateLetters', { part: 'year' }),
    }),
    /** A venue day with its weekday, for picking a day: "Fri, 20 Nov 2026". */
    dayWords: (date: string): string =>
      validDay(date) ? intl.formatDate(`${date}T00:00:00Z`, { ...AS_A_DAY, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }) : date,
    /** The wall-clock time of an instant in the venue's zone: "18:30" (en-GB), "6:30 PM" (en-US). */
    timeWords: (instant: string, timeZone: string | null): string =>
      validInstant(instant) ? intl.formatTime(instant, clock(timeZone)) : instant,
    usesLeftWords,
    /** Short form for the big result line: "9 left". */
    leftWords: (remaining: number | null): string => {
      if (remaining === null) return t('words.unlimitedUses');
      if (remaining < 0) return t('words.overdrawnBy', { count: -remaining });
      return t('words.left', { remaining });
    },
    expiryWords: (expiresOn: string | null): string => (expiresOn === null ? t('words.noExpiry') : t('words.expires', { date: dateWords(expiresOn) })),
    passStatusWords: (status: PassStatus): string => t(`status.${status}`),
    /** Why one pass cannot be used, in the words of SPEC ("expired on D", "no uses left"...). */
    reasonWords: (reason: IneligibilityReason, context: { expiresOn: string | null; walkIn: boolean }): string => {
      switch (reason) {
        case 'expired':
          return context.expiresOn === null ? t('reason.expired') : t('reason.expiredOn', { date: dateWords(context.expiresOn) });
        case 'not-valid-for-session':
          // SPEC: "a walk-in with no session can use only passes valid for all events".
          return context.walkIn ? t('reason.not-valid-for-walk-in') : t('reason.not-valid-for-session');
        default:
          return t(`reason.${reason}`);
      }
    },
    /**
     * What staff can do (SPEC: "extend, give back a use, sell a pass on the platform"): the fixes
     * that would let the customer in (shared/rules/doorFixes.ts), then selling a pass, which
     * always helps.
     */
    remediesFor: (refusals: readonly { reasons: readonly IneligibilityReason[] }[]): string[] =>
      [...fixesForRefusal(refusals).map((fix) => t(`fix.${fix}`)), t('fix.sell')],
    noteWords,
    /** One problem of a venue file or a CSV not imported: "line 10, column 7, customers[0].name: must not be empty". */
    importProblemLine: (line: ImportProblemLine): string => sayProblemLine(intl, line),
    /**
     * A refusal for people: its note's sentence when it has one (it says more than the code's
     * words, which are the fallback); never both, so that nothing is said twice. Technical
     * details (Refusal.details) are never part of it.
     */
    refusalWords: (code: ErrorCode, note?: DeskNote): string => (note ? noteWords(note) : t(`error.${code}`)),
    storageReconnectingWords: () => t('words.storageReconnecting'),
    walkInWords: () => t('words.walkIn'),
    /** The badge on a pass: "active", "expired", "used up", "overdrawn by 2", "revoked". */
    passBadgeWords: (state: Pick<PassState, 'status' | 'overdrawnBy'>): string => {
      switch (state.status) {
        case 'overdrawn':
          return t('words.overdrawnBy', { count: state.overdrawnBy });
        case 'used-up':
          return t('badge.used-up');
        default:
          return t(`status.${state.status}`);
      }
    },
    /** A pass's expiry rule as staff say it: "30 days from first use", "until 3 Mar 2026". */
    expiryRuleWords,
    /**
     * A pass's terms now, after any override, shown beside its product name (which keeps the
     * terms it was sold with: "10 classes, 30 days from first use" extended to 44 days reads
     * "10 uses, 44 days from first use").
     */
    termsNowWords: (total: number | null, rule: ExpiryRule): string =>
      t('words.termsNow', { uses: total === null ? t('words.unlimitedUses') : usesWords(total), rule: expiryRuleWords(rule) }),
    /** Uses at a glance: "9 uses left of 10"; a revoked pass has none to use, whatever its count. */
    usesNowWords: (state: Pick<PassState, 'total' | 'used' | 'remaining' | 'revoked'>): string => {
      if (state.revoked) return t('words.revokedUsed', { used: state.used });
      if (state.total === null) return t('words.unlimitedUsed', { used: state.used });
      return t('words.usesLeftOf', { left: usesLeftWords(state.remaining), total: state.total });
    },
    validForWords: (validFor: ValidFor): string => (validFor === 'all' ? t('words.allEvents') : intl.formatList(validFor, { type: 'unit' })),
    totalWords: (total: number | null): string => (total === null ? t('words.unlimited') : intl.formatNumber(total)),
    /** "23 uses" / "1 use" / "unlimited". */
    usesWords,
    /** "2 min ago", "3 hr ago", "5 days ago": Intl's relative time, short. */
    agoWords: (count: number, unit: 'minute' | 'hour' | 'day'): string => intl.formatRelativeTime(-count, unit, { numeric: 'always', style: 'short' }),
    /** "7 minutes", "2 hours", "3 days": a length of time, in full words. */
    durationWords: (count: number, unit: 'minute' | 'hour' | 'day' | 'year'): string => intl.formatNumber(count, { style: 'unit', unit, unitDisplay: 'long' }),
    /** "25 min", "3 hr 5 min": a length of time in the locale's short units. */
    shortDurationWords: ({ hours, minutes }: { hours?: number; minutes?: number }): string => intl.formatList([
      ...(hours !== undefined ? [intl.formatNumber(hours, { style: 'unit', unit: 'hour', unitDisplay: 'short' })] : []),
      ...(minutes !== undefined ? [intl.formatNumber(minutes, { style: 'unit', unit: 'minute', unitDisplay: 'short' })] : []),
    ], { type: 'unit', style: 'narrow' }),
    /** A number as the locale writes it: "1,234" (en-GB), "1.234" (de). */
    numberWords: (count: number): string => intl.formatNumber(count),
    /** When something happened, as short as it can be told: "18:30" today (in the venue), "24 Nov, 18:30" before. */
    whenWords: (instant: string, timeZone: string | null, nowMs: number): string => {
      if (!validInstant(instant)) return instant;
      const day = (ms: number) => intl.formatDate(ms, { ...zoned(timeZone), year: 'numeric', month: 'numeric', day: 'numeric' });
      const sameDay = day(Date.parse(instant)) === day(nowMs);
      return sameDay
        ? intl.formatTime(instant, clock(timeZone))
        : intl.formatDate(instant, { ...clock(timeZone), day: 'numeric', month: 'short' });
    },
    /** Date and venue time of an instant: "25 Nov 2026, 18:30". */
    instantWords: (instant: string, timeZone: string | null): string =>
      validInstant(instant) ? intl.formatDate(instant, { ...clock(timeZone), day: 'numeric', month: 'short', year: 'numeric' }) : instant,
  };
}

export type Words = ReturnType<typeof makeWords>;
