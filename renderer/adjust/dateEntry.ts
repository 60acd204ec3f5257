// A date typed as the desk's language writes dates (SPEC "Language": "date entry follows the
// locale"): day/month/year at a UK venue, month/day/year at a US one, day.month.year on a desk
// set to German, whatever the browser's own locale (an <input type="date"> follows the
// browser's, so a UK desk on a US-English computer read 07/01/2027 as the 1st of July). The
// locale is the one the desk shows dates in (shared/i18n/deskLanguage.ts: the venue's own
// when the desk speaks its language, else the desk's language); the pattern is that locale's
// short date, from Luxon, and its letters (TT.MM.JJJJ) come from the language's catalog.
import { DateTime } from 'luxon';

export type DateEntryFormat = {
  locale: string;
  /** Luxon's pattern of the locale's short date, e.g. "d/M/yyyyy" for en-GB. */
  pattern: string;
  /** The pattern for people, in the letters of the desk's language: "DD/MM/YYYY", "TT.MM.JJJJ". */
  words: string;
  /** A date written that way: "25/12/2026". */
  example: string;
};

const EXAMPLE_DAY = DateTime.fromObject({ year: 2026, month: 12, day: 25 }, { zone: 'UTC' });

/** The letters a language writes for a day, a month and a year in a date's pattern (its catalog's `adjust.dateLetters`). */
export type DateLetters = Record<DatePart, string>;
export type DatePart = 'day' | 'month' | 'year';

const formats = new Map<string, DateEntryFormat>();

export function dateEntryFormat(locale: string, letters: DateLetters): DateEntryFormat {
  const key = `${locale} ${letters.day} ${letters.month} ${letters.year}`;
  const known = formats.get(key);
  if (known) return known;
  const pattern = DateTime.parseFormatForOpts(DateTime.DATE_SHORT, { locale }) ?? 'd/M/yyyy';
  const format: DateEntryFormat = {
    locale,
    pattern,
    words: pattern.replace(/y+|d+|M+/g, (run) => letters[run.startsWith('y') ? 'year' : run.startsWith('d') ? 'day' : 'month']),
    example: EXAMPLE_DAY.setLocale(locale).toLocaleString(DateTime.DATE_SHORT),
  };
  formats.set(key, format);
  return format;
}

/** The calendar date (YYYY-MM-DD) typed in the venue's way, or null when it is not one. */
export function parseEnteredDate(text: string, format: DateEntryFormat): string | null {
  const parsed = DateTime.fromFormat(text.trim(), format.pattern, { locale: format.locale, zone: 'UTC' });
  return parsed.isValid ? parsed.toISODate() : null;
}

/** A calendar date as the venue writes it in the field: "07/01/2027". */
export function enteredDateText(date: string, format: DateEntryFormat): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.isValid ? day.setLocale(format.locale).toLocaleString(DateTime.DATE_SHORT) : date;
}
