// Which language this desk speaks (SPEC "Language": "a venue setting, which a desk may
// override"): the venue's, or one the desk chooses here. Main keeps the choice with the desk's
// identity, so it survives a restart; it applies at once, without a reload.
import { useState } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { deskLanguages } from '../../shared/schema/deskLanguages';
import type { DeskLanguageChoice } from '../../shared/schema/deskLanguages';
import { deskLanguageSchema } from '../../shared/schema/deskLanguages';
import { languageOf } from '../../shared/i18n/deskLanguage';
import { useWords } from '../i18n/useWords';
import { NoteLine } from './SetupNote';
import type { Note } from './SetupNote';

const VENUE = 'venue';

/** A language named in its own words ("Deutsch", "Français"), so that anyone finds theirs whatever the desk speaks now. */
function ownName(language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

type Props = { desk: DeskClient; status: DeskStatus | null; onChanged: () => void };

export function LanguageSection({ desk, status, onChanged }: Props) {
  const words = useWords();
  const { t } = words;
  const [note, setNote] = useState<Note | null>(null);
  const chosen = status?.language ?? null;
  const venueLanguage = languageOf(status?.venue?.locale);
  const choose = (value: string) => {
    const parsed = deskLanguageSchema.safeParse(value);
    const language: DeskLanguageChoice | null = parsed.success ? parsed.data : null;
    desk.setLanguage({ language }).then((result) => {
      onChanged();
      setNote(result.ok ? null : { tone: 'refused', words: words.refusalWords(result.error, result.note) });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };
  return (
    <section className="setup__section setup__section--language" aria-labelledby="setup-language">
      <h2 id="setup-language" className="section-title">{t('language.title')}</h2>
      <div className="setup__row">
        <label htmlFor="desk-language">{t('language.label')}</label>
        <select id="desk-language" data-testid="desk-language" className="setup__input" value={chosen ?? VENUE} onChange={(event) => choose(event.target.value)}>
          <option value={VENUE}>{t('language.venues', { language: ownName(venueLanguage) })}</option>
          {deskLanguages.map((language) => <option key={language} value={language} lang={language}>{ownName(language)}</option>)}
        </select>
      </div>
      <NoteLine note={note} testId="language-note" />
    </section>
  );
}
