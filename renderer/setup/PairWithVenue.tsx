// Pairing this desk with the venue's sync endpoint: one field for the pairing code (or the
// endpoint's address, with the device token beside it). A desk that holds only the demo venue
// is told first what pairing discards — the demo and what was practised on it, counted — and
// pairs only once that is confirmed (main/runDesk.ts replaces it). Keyboard first: Enter pairs,
// Enter again confirms, Esc keeps the demo.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DemoPractice, DeskClient, DeskStatus } from '../../shared/schema/api';
import { DEMO_VENUE_ID } from '../../shared/venue/demoVenueId';
import { refusalWords } from '../words';
import { readPairingEntry } from './pairingEntry';
import type { PairingSettings } from './pairingEntry';
import { NoteLine } from './SetupNote';
import type { Note } from './SetupNote';

type Props = { desk: DeskClient; status: DeskStatus | null; onChanged: () => void; autoFocus?: boolean };

type Confirming = { settings: PairingSettings; practice: DemoPractice };

export function PairWithVenue({ desk, status, onChanged, autoFocus = false }: Props) {
  const [entry, setEntry] = useState('');
  const [token, setToken] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  const [pairing, setPairing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const entryRef = useRef<HTMLInputElement | null>(null);
  const confirmRef = useRef<HTMLButtonElement | null>(null);
  const holdsDemo = status?.venue?.id === DEMO_VENUE_ID && !status.sync.endpoint;

  useEffect(() => {
    if (autoFocus) entryRef.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const pairWith = (settings: PairingSettings, replaceDemo: boolean) => {
    setPairing(true);
    setNote(null);
    desk.pairEndpoint(replaceDemo ? { ...settings, replaceDemo: true } : settings).then((result) => {
      onChanged();
      setConfirming(null);
      setNote(result.ok
        ? { tone: 'ok', words: `Paired with ${result.status.endpoint ?? settings.url}. The venue is arriving.` }
        // The endpoint's own explanation says what happened and to whom; the code's words are the fallback.
        : { tone: 'refused', words: result.message ?? refusalWords(result.error), lines: result.issues ?? [], details: result.details });
      if (!result.ok) entryRef.current?.focus();
    }, () => setNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setPairing(false));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readPairingEntry(entry, token);
    if (!read.ok) {
      setNote({ tone: 'refused', words: read.words, lines: read.lines });
      return;
    }
    if (!holdsDemo) {
      pairWith(read.settings, false);
      return;
    }
    // What is discarded is counted by main, now: practice made a minute ago included.
    desk.demoPractice({}).then((answer) => {
      if (answer.ok) setConfirming({ settings: read.settings, practice: answer.practice });
      else pairWith(read.settings, false);
    }, () => setNote({ tone: 'refused', words: refusalWords('internal') }));
  };

  const keepDemo = () => {
    setConfirming(null);
    setNote({ tone: 'ok', words: 'The demo venue stays; nothing was paired.' });
    entryRef.current?.focus();
  };

  return (
    <div className="pair">
      <form className="setup__form" onSubmit={submit} noValidate>
        <label htmlFor="pair-entry">Pairing code, or the endpoint address</label>
        <input
          id="pair-entry"
          ref={entryRef}
          className="setup__input"
          placeholder="BOX1-… or https://sync.example-venue.org"
          value={entry}
          autoComplete="off"
          spellCheck={false}
          disabled={confirming !== null}
          onChange={(event) => setEntry(event.target.value)}
        />
        <label htmlFor="pair-token">Device token (with an address; a pairing code holds it)</label>
        <div className="setup__row">
          <input id="pair-token" className="setup__input" type="password" value={token} autoComplete="off" disabled={confirming !== null} onChange={(event) => setToken(event.target.value)} />
          <button type="submit" className="adjust__button adjust__button--save" disabled={pairing || confirming !== null}>{pairing ? 'Pairing…' : 'Pair'}</button>
        </div>
      </form>
      {confirming ? (
        <div
          className="pair__confirm"
          role="alertdialog"
          aria-labelledby="pair-confirm-title"
          aria-describedby="pair-confirm-words"
          data-testid="pair-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              keepDemo();
            }
          }}
        >
          <p id="pair-confirm-title" className="pair__confirm-title">Pairing replaces the demo venue on this desk.</p>
          <p id="pair-confirm-words">{discardWords(confirming.practice)} Nothing of it is sent to your venue.</p>
          <div className="setup__row">
            <button ref={confirmRef} type="button" className="adjust__button adjust__button--danger" disabled={pairing} onClick={() => pairWith(confirming.settings, true)}>
              {pairing ? 'Pairing…' : <>Discard the demo and pair <kbd>Enter</kbd></>}
            </button>
            <button type="button" className="adjust__button" disabled={pairing} onClick={keepDemo}>Keep the demo <kbd>Esc</kbd></button>
          </div>
        </div>
      ) : null}
      <NoteLine note={note} testId="pair-note" />
    </div>
  );
}

/** "Discarded: the demo's 300 customers and the practice on this desk (2 check-ins, 1 pass change)." */
export function discardWords(practice: DemoPractice): string {
  const made = [
    `${practice.checkIns} practice ${practice.checkIns === 1 ? 'check-in' : 'check-ins'}`,
    ...(practice.changes > 0 ? [`${practice.changes} practice pass ${practice.changes === 1 ? 'change' : 'changes'}`] : []),
  ].join(' and ');
  return `Discarded for good: the demo’s ${practice.customers.toLocaleString('en-GB')} customers, and ${made} made on this desk.`;
}
