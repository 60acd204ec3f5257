// The desk's words outside a screen, from the same catalogs (./locales) and the same FormatJS as
// the page's react-intl: what main itself must say before any page exists (Electron's start-up
// dialog), and the English of the endpoint's and the logs' lines. One catalog; never a second
// copy of a sentence in code.
import { createIntl } from '@formatjs/intl';
import type { IntlShape } from '@formatjs/intl';
import { pseudoLanguage } from '../schema/deskLanguages';
import { catalogs, messagesOf } from './catalogs';
import type { Saying } from './catalogs';
import { spokenLanguage } from './deskLanguage';
import { pseudoMessages } from './pseudoLocale';

/** The words of the desk's choice (or the venue's locale, else en-GB); en-XA is the pseudo-locale. */
export function intlOfDesk(deskChoice: string | null | undefined, venueLocale: string | null = null): IntlShape {
  const pseudo = deskChoice === pseudoLanguage;
  const { language, locale } = spokenLanguage(venueLocale, pseudo ? 'en-GB' : deskChoice);
  return createIntl({ locale, messages: pseudo ? pseudoMessages() : messagesOf(catalogs[language]), defaultLocale: 'en-GB' });
}

let english: IntlShape | null = null;

/** A saying in English (en-GB): the endpoint's answers and the logs, which are English. */
export function inEnglish(saying: Saying): string {
  english ??= intlOfDesk('en-GB');
  return english.formatMessage({ id: saying.id }, saying.values as Record<string, string | number>);
}
