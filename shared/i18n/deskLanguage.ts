// Which language a desk speaks (SPEC "Language": "every screen is in the venue's language (a
// venue setting, which a desk may override), with that locale's dates, times, numbers and
// plurals"). The words come from the catalog of the language; dates and numbers from the
// venue's own locale when it is of that language (a venue in de-AT writes "Jän."), else from
// the language's.
import type { DeskLanguage } from './catalogs';
import { deskLanguages } from './catalogs';

export const defaultLanguage: DeskLanguage = 'en-GB';

/** The catalog for a BCP 47 locale: its own if there is one, else its language's, else English. */
export function languageOf(locale: string | null | undefined): DeskLanguage {
  if (!locale) return defaultLanguage;
  const known = deskLanguages.find((language) => language === locale);
  if (known) return known;
  const [base] = locale.split('-');
  if (base === 'en') return locale === 'en-US' ? 'en-US' : 'en-GB';
  return deskLanguages.find((language) => language === base) ?? defaultLanguage;
}

export type SpokenLanguage = { language: DeskLanguage; locale: string };

/** The desk's override first, then the venue's locale, then English (en-GB). */
export function spokenLanguage(venueLocale: string | null | undefined, deskOverride: string | null | undefined): SpokenLanguage {
  const language = languageOf(deskOverride ?? venueLocale);
  const base = (tag: string) => tag.split('-')[0];
  // Dates and numbers in the venue's own locale when the desk speaks its language.
  const locale = venueLocale && languageOf(venueLocale) === language && base(venueLocale) === base(language) ? venueLocale : language;
  return { language, locale };
}
