// The words of one language outside React (tests, and anything said before the screen is up):
// the same catalogs and formats as the screen's provider.
import { createIntl } from '@formatjs/intl';
import { makeWords } from '../words';
import type { Words } from '../words';
import { catalogs, messagesOf } from '../../shared/i18n/catalogs';
import type { DeskLanguage } from '../../shared/i18n/catalogs';

export function wordsIn(language: DeskLanguage, locale: string = language): Words {
  return makeWords(createIntl({ locale, messages: messagesOf(catalogs[language]), defaultLocale: 'en-GB' }));
}
