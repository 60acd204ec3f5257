// Puts the desk's language around every screen: react-intl's provider with the catalog and
// the locale, and the page's `lang` and title with it. A change of language applies at once:
// every component that says something reads its words through react-intl, no reload.
import type { ReactNode } from 'react';
import { useEffect, useMemo } from 'react';
import { createIntl, IntlProvider } from 'react-intl';
import { catalogs, messagesOf } from '../../shared/i18n/catalogs';
import { spokenLanguage } from '../../shared/i18n/deskLanguage';
import { pseudoMessages } from '../../shared/i18n/pseudoLocale';
import { pseudoLanguage } from '../../shared/schema/deskLanguages';

export function DeskLanguageProvider({ venueLocale, deskOverride, children }: { venueLocale: string | null; deskOverride: string | null; children: ReactNode }) {
  // The pseudo-locale (a test of the catalogs, never offered in Setup): English, marked, with en-GB's formats.
  const pseudo = deskOverride === pseudoLanguage;
  const { language, locale } = spokenLanguage(venueLocale, pseudo ? 'en-GB' : deskOverride);
  const messages = useMemo(() => (pseudo ? pseudoMessages() : messagesOf(catalogs[language])), [pseudo, language]);
  useEffect(() => {
    document.documentElement.lang = pseudo ? pseudoLanguage : locale;
    document.title = createIntl({ locale, messages }).formatMessage({ id: 'app.title' });
  }, [pseudo, locale, messages]);
  return (
    <IntlProvider locale={locale} messages={messages} defaultLocale="en-GB" onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** A missing message is a bug the catalog test catches; in the field the message id is shown rather than nothing. */
function reportMissing(error: Error): void {
  console.error(`i18n: ${error.message}`);
}
