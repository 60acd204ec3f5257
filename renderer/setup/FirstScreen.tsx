// A new desk's first screen (SPEC "Setting up"): it holds no venue and is not paired, and it
// offers the three ways in, none imposed: try the demo venue; pair with the venue's endpoint;
// load a venue file. Keyboard first: 1, 2 and 3 choose (as do Tab and Enter).
import { useEffect, useRef, useState } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { NoteLine } from './SetupNote';
import { PairWithVenue } from './PairWithVenue';
import { useVenueChoices } from './useVenueChoices';
import { useWords } from '../i18n/useWords';
import { useWindowListener } from '../shell/useWindowListener';

type Props = { desk: DeskClient; status: DeskStatus; onChanged: () => void };

export function FirstScreen({ desk, status, onChanged }: Props) {
  const [pairing, setPairing] = useState(false);
  const words = useWords();
  const { t } = words;
  const { note, loading, openDemo, importFile } = useVenueChoices(desk, onChanged);
  const demoRef = useRef<HTMLButtonElement | null>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => demoRef.current?.focus(), []);
  useWindowListener('keydown', (event) => {
    // Digits typed into a field are the field's.
    if (event.target instanceof HTMLInputElement || event.altKey || event.ctrlKey || event.metaKey || loading) return;
    if (event.key === '1') openDemo();
    else if (event.key === '2') setPairing(true);
    else if (event.key === '3') fileRef.current?.click();
    else return;
    event.preventDefault();
  });

  return (
    <main className="first" aria-labelledby="first-title">
      <h1 id="first-title" className="first__title">{t('first.title')}</h1>
      <p className="first__lead">{t('first.lead')}</p>
      <ol className="first__choices">
        <li className="first__choice">
          <button ref={demoRef} type="button" className="first__button" onClick={openDemo} disabled={loading !== null}>
            <kbd>1</kbd> {t('first.demo')}
          </button>
          <p className="first__hint">{t('first.demoHint', { customers: 300 })}</p>
        </li>
        <li className="first__choice">
          <button type="button" className="first__button" aria-expanded={pairing} onClick={() => setPairing(true)} disabled={loading !== null}>
            <kbd>2</kbd> {t('first.pair')}
          </button>
          <p className="first__hint">{t('first.pairHint')}</p>
          {pairing ? <PairWithVenue desk={desk} status={status} onChanged={onChanged} autoFocus /> : null}
        </li>
        <li className="first__choice">
          {/* Chromium's own file field says "Choose File" in the browser's language: this button, in the desk's, opens it. */}
          <button type="button" className="first__button first__button--file" onClick={() => fileRef.current?.click()} disabled={loading !== null}>
            <kbd>3</kbd> {t('first.file')}
          </button>
          <input
            id="first-file"
            ref={fileRef}
            hidden
            aria-label={t('first.file')}
            type="file"
            accept=".json,application/json"
            disabled={loading !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) importFile(file);
              event.target.value = '';
            }}
          />
          <p className="first__hint">{t('first.fileHint')}</p>
        </li>
      </ol>
      {loading ? <p className="setup__note" role="status">{t(loading.id, loading.values)}</p> : null}
      <NoteLine note={note} testId="venue-note" />
    </main>
  );
}
