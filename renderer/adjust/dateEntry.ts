// A date typed as the venue writes dates (SPEC "Language": "date entry follows the locale"):
// day/month/year at a UK venue, month/day/year at a US one, whatever the browser's own locale
// (an <input type="date"> follows the browser's, so a UK desk on a US-English computer read
// 07/01/2027 as the 1st of July). The pattern is the locale's own short date, from Luxon.
import { DateTime } from 'luxon';

export type DateEntryFormat = {
  locale: string;
  /** Luxon's pattern of the locale's short date, e.g. "d/M/yyyyy" for en-GB. */
  pattern: string;
  /** The pattern for people: "DD/MM/YYYY". */
  words: string;
  /** A date written that way: "25/12/2026". */
  example: string;
};

const EXAMPLE_DAY = DateTime.fromObject({ year: 2026, month: 12, day: 25 }, { zone: 'UTC' });

const formats = new Map<string, DateEntryFormat>();

export function dateEntryFormat(locale: string): DateEntryFormat {
  const known = formats.get(locale);
  if (known) return known;
  const pattern = DateTime.parseFormatForOpts(DateTime.DATE_SHORT, { locale }) ?? 'd/M/yyyy';
  const format: DateEntryFormat = {
    locale,
    pattern,
    words: pattern.replace(/y+/g, 'YYYY').replace(/d+/g, 'DD').replace(/M+/g, 'MM'),
    example: EXAMPLE_DAY.setLocale(locale).toLocaleString(DateTime.DATE_SHORT),
  };
  formats.set(locale, format);
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

/** The pattern in the letters of the desk's language ("TT.MM.JJJJ" in German), each letter from its catalog. */
export function patternInLetters(format: DateEntryFormat, letter: (part: 'day' | 'month' | 'year') => string): string {
  return format.pattern.replace(/y+|d+|M+/g, (run) => letter(run.startsWith('y') ? 'year' : run.startsWith('d') ? 'day' : 'month'));
}
