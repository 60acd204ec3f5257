// The languages a desk speaks (SPEC "Language": "at least English, German, French, Spanish and
// Dutch"), named as the catalogs are (shared/i18n/locales/<language>.json). One
// list for the renderer's catalogs and for the desk's choice in Setup, which main keeps.
import { z } from 'zod';

export const deskLanguages = ['en-GB', 'en-US', 'de', 'fr', 'es', 'nl'] as const;
export type DeskLanguage = (typeof deskLanguages)[number];

/**
 * The pseudo-locale: English made accented, about 35% longer and marked at both ends, so that
 * a word on screen that did not come from a catalog, or a box too narrow for a longer
 * language, shows at once (shared/i18n/pseudoLocale.ts, test/e2e/pseudoLocaleWalk.spec.ts). Not offered in Setup.
 */
export const pseudoLanguage = 'en-XA';

export const deskLanguageSchema = z.enum([...deskLanguages, pseudoLanguage]);
export type DeskLanguageChoice = z.infer<typeof deskLanguageSchema>;
