// Pairing this desk with the venue's sync endpoint: the venue's hub found on the network and its
// short code (FindVenueHub.tsx), or one field for the pairing code (or the endpoint's address,
// with the device token beside it). A desk that holds only the demo venue
// is told first what pairing discards — the demo and what was practised on it, counted — and
// pairs only once that is confirmed (main/runDesk.ts replaces it). Keyboard first: Enter pairs,
// Enter again confirms, Esc keeps the demo.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DemoPractice, DeskClient, DeskStatus } from '../../shared/schema/api';
import { DEMO_VENUE_ID } from '../../shared/venue/demoVenueId';
import { useWords } from '../i18n/useWords';
import { readPairingEntry } from './pairingEntry';
import type { PairingSettings } from './pairingEntry';
import { NoteLine } from './SetupNote';
import { DemoDiscardConfirm } from './DemoDiscardConfirm';
import { FindVenueHub } from './FindVenueHub';
import type { Note } from './SetupNote';

type Props = { desk: DeskClient; status: DeskStatus | null; onChanged: () => void; autoFocus?: boolean };

type Confirming = { settings: PairingSettings; practice: DemoPractice };

export function PairWithVenue({ desk, status, onChanged, autoFocus = false }: Props) {
  const [entry, setEntry] = useState('');
  const words = useWords();
  const { t } = words;
  const [token, setToken] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  const [pairing, setPairing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const entryRef = useRef<HTMLInputElement | null>(null);
  const holdsDemo = status?.venue?.id === DEMO_VENUE_ID && !status.sync.endpoint;

  useEffect(() => {
    if (autoFocus) entryRef.current?.focus();
  }, [autoFocus]);

  const pairWith = (settings: PairingSettings, replaceDemo: boolean) => {
    setPairing(true);
    setNote(null);
    desk.pairEndpoint(replaceDemo ? { ...settings, replaceDemo: true } : settings).then((result) => {
      onChanged();
      setConfirming(null);
      setNote(result.ok
        ? { tone: 'ok', words: t('pair.paired', { endpoint: result.status.endpoint ?? settings.url }) }
        // The note says what happened and to whom; the code's words are the fallback.
        : { tone: 'refused', words: words.refusalWords(result.error, result.note), lines: result.issues ?? [], details: result.details });
      if (!result.ok) entryRef.current?.focus();
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setPairing(false));
  };

  const startPairing = (settings: PairingSettings) => {
    if (!holdsDemo) {
      pairWith(settings, false);
      return;
    }
    // What is discarded is counted by main, now: practice made a minute ago included.
    desk.demoPractice({}).then((answer) => {
      if (answer.ok) setConfirming({ settings, practice: answer.practice });
      else pairWith(settings, false);
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readPairingEntry(entry, token);
    if (!read.ok) {
      setNote({ tone: 'refused', words: t(read.words.id), lines: read.lines.map((line) => t(line.id)) });
      return;
    }
    startPairing(read.settings);
  };

  const keepDemo = () => {
    setConfirming(null);
    setNote({ tone: 'ok', words: t('pair.demoStays') });
    entryRef.current?.focus();
  };

  return (
    <div className="pair">
      <FindVenueHub desk={desk} busy={pairing || confirming !== null} onPairing={startPairing} />
      <form className="setup__form" onSubmit={submit} noValidate>
        <label htmlFor="pair-entry">{t('pair.entry')}</label>
        <input
          id="pair-entry"
          ref={entryRef}
          className="setup__input"
          placeholder={t('pair.placeholder')}
          value={entry}
          autoComplete="off"
          spellCheck={false}
          disabled={confirming !== null}
          onChange={(event) => setEntry(event.target.value)}
        />
        <label htmlFor="pair-token">{t('pair.token')}</label>
        <div className="setup__row">
          <input id="pair-token" className="setup__input" type="password" value={token} autoComplete="off" disabled={confirming !== null} onChange={(event) => setToken(event.target.value)} />
          <button type="submit" className="adjust__button adjust__button--save" disabled={pairing || confirming !== null}>{pairing ? t('pair.pairing') : t('pair.pair')}</button>
        </div>
      </form>
      {confirming ? (
        <div data-testid="pair-confirm">
          <DemoDiscardConfirm
            title={t('pair.replacesDemo')}
            practice={confirming.practice}
            busy={pairing}
            confirmLabel={t('pair.discardAndPair')}
            onConfirm={() => pairWith(confirming.settings, true)}
            onKeep={keepDemo}
          />
        </div>
      ) : null}
      <NoteLine note={note} testId="pair-note" />
    </div>
  );
}
