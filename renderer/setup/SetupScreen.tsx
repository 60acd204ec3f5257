// Setting a desk up (SPEC "Setting up, data in and out"): who is at the desk (their name goes
// into the history), pairing with the venue's sync endpoint (URL and device token), the demo
// venue for trying the app, and a venue file imported from disk. Every refusal is shown
// whole: a venue file's every problem, by line and column.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskClient, DeskStatus } from '../../shared/schema/api';
import { pairEndpointInput } from '../../shared/schema/api';
import { refusalWords } from '../words';
import { connectionOf, connectionWords, lastSyncedWords } from '../status/syncWords';
import { StorageKeepingSection } from '../status/StorageAlarm';

type Note = { tone: 'ok' | 'refused'; words: string; lines?: string[] };

function NoteLine({ note, testId }: { note: Note | null; testId: string }) {
  if (!note) return null;
  return (
    <div className={note.tone === 'ok' ? 'setup__note setup__note--ok' : 'setup__note setup__note--refused'} role="status" data-testid={testId}>
      <p className="setup__note-words"><span aria-hidden="true">{note.tone === 'ok' ? '✓ ' : '✕ '}</span>{note.words}</p>
      {note.lines && note.lines.length > 0 ? (
        <ul className="setup__problems">
          {note.lines.map((line, index) => <li key={index}>{line}</li>)}
        </ul>
      ) : null}
    </div>
  );
}

function countsWords(counts: Record<string, number>): string {
  return ['customers', 'passes', 'sessions', 'bookings', 'ledger']
    .filter((key) => counts[key] !== undefined)
    .map((key) => `${counts[key]!.toLocaleString('en-GB')} ${key === 'ledger' ? 'history entries' : key}`)
    .join(', ');
}

type Props = { desk: DeskClient; status: DeskStatus | null; nowMs: number; onChanged: () => void };

export function SetupScreen({ desk, status, nowMs, onChanged }: Props) {
  // ---- Staff -----------------------------------------------------------------------------
  const [staff, setStaff] = useState(status?.staff ?? '');
  const staffTouched = useRef(false);
  useEffect(() => {
    if (!staffTouched.current && status) setStaff(status.staff);
  }, [status]);
  const [staffNote, setStaffNote] = useState<Note | null>(null);
  const saveStaff = (event: FormEvent) => {
    event.preventDefault();
    desk.setStaff({ staff }).then((result) => {
      onChanged();
      setStaffNote(result.ok
        ? { tone: 'ok', words: `Changes from this desk are now signed “${result.staff}”.` }
        : { tone: 'refused', words: staff.trim() === '' ? 'Type a name first.' : refusalWords(result.error, result.message), lines: result.issues ?? [] });
    }, () => setStaffNote({ tone: 'refused', words: refusalWords('internal') }));
  };

  // ---- Pairing ---------------------------------------------------------------------------
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [pairNote, setPairNote] = useState<Note | null>(null);
  const [pairing, setPairing] = useState(false);
  const pair = (event: FormEvent) => {
    event.preventDefault();
    // The same schema main validates with: a mistake is named before anything is sent.
    const checked = pairEndpointInput.safeParse({ url, token });
    if (!checked.success) {
      setPairNote({
        tone: 'refused',
        words: 'Check the address and the token.',
        lines: checked.error.issues.map((issue) => `${issue.path[0] === 'url' ? 'Address' : 'Device token'}: ${issue.path[0] === 'token' && issue.code === 'too_small' ? 'a device token is at least 16 characters' : issue.message}`),
      });
      return;
    }
    setPairing(true);
    desk.pairEndpoint(checked.data).then((result) => {
      onChanged();
      setPairNote(result.ok
        ? { tone: 'ok', words: `Paired with ${result.status.endpoint ?? checked.data.url}.` }
        // The endpoint's own explanation says what happened and to whom; the code's words are the fallback.
        : { tone: 'refused', words: result.message ?? refusalWords(result.error), lines: result.issues ?? [] });
    }, () => setPairNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setPairing(false));
  };
  const unpair = () => {
    desk.unpairEndpoint({}).then((result) => {
      onChanged();
      setPairNote(result.ok ? { tone: 'ok', words: 'Unpaired: this desk works on its own.' } : { tone: 'refused', words: refusalWords(result.error, result.message), lines: result.issues ?? [] });
    }, () => setPairNote({ tone: 'refused', words: refusalWords('internal') }));
  };

  // ---- Venue -----------------------------------------------------------------------------
  const [venueNote, setVenueNote] = useState<Note | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const openDemo = () => {
    setLoading('Opening the demo venue…');
    desk.openDemoVenue({}).then((result) => {
      onChanged();
      setVenueNote(result.ok
        ? { tone: 'ok', words: `Demo venue open: ${countsWords(result.counts)}.` }
        : { tone: 'refused', words: refusalWords(result.error, result.message), lines: result.issues ?? [] });
    }, () => setVenueNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setLoading(null));
  };
  const importFile = (file: File) => {
    setLoading(`Reading ${file.name}…`);
    setVenueNote(null);
    file.text().then((text) => {
      setLoading(`Importing ${file.name}…`);
      return desk.loadVenueFile({ text });
    }).then((result) => {
      onChanged();
      setVenueNote(result.ok
        ? { tone: 'ok', words: `Imported ${file.name}: ${countsWords(result.counts)}.` }
        : {
          tone: 'refused',
          words: result.error === 'invalid-input' ? `${file.name} was not imported; nothing changed. Fix these and import it again:` : refusalWords(result.error, result.message),
          lines: result.issues ?? [],
        });
    }, () => setVenueNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setLoading(null));
  };

  const sync = status?.sync ?? null;
  const staffRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => staffRef.current?.focus(), []);

  return (
    <main className="setup" aria-label="Setup">
      <section className="setup__section setup__section--staff" aria-labelledby="setup-staff">
        <h2 id="setup-staff" className="section-title">Who is at this desk</h2>
        <form className="setup__form" onSubmit={saveStaff}>
          <label htmlFor="staff-name">Staff name, written into every change’s history</label>
          <div className="setup__row">
            <input
              id="staff-name"
              ref={staffRef}
              className="setup__input"
              value={staff}
              maxLength={100}
              autoComplete="off"
              onChange={(event) => {
                staffTouched.current = true;
                setStaff(event.target.value);
              }}
            />
            <button type="submit" className="adjust__button adjust__button--save">Save name</button>
          </div>
        </form>
        <NoteLine note={staffNote} testId="staff-note" />
      </section>

      <section className="setup__section setup__section--sync" aria-labelledby="setup-sync">
        <h2 id="setup-sync" className="section-title">Sync with the venue</h2>
        <p className="setup__now" data-testid="pair-state">
          {sync ? <>{connectionWords[connectionOf(sync)]}{sync.endpoint ? ` · ${sync.endpoint} · last synced ${lastSyncedWords(sync.lastSyncedAt, nowMs)}` : ''}</> : '…'}
        </p>
        <form className="setup__form" onSubmit={pair} noValidate>
          <label htmlFor="pair-url">Endpoint address</label>
          <input id="pair-url" className="setup__input" type="url" inputMode="url" placeholder="https://sync.example-venue.org" value={url} autoComplete="off" onChange={(event) => setUrl(event.target.value)} />
          <label htmlFor="pair-token">Device token (from the venue’s admin)</label>
          <div className="setup__row">
            <input id="pair-token" className="setup__input" type="password" value={token} autoComplete="off" onChange={(event) => setToken(event.target.value)} />
            <button type="submit" className="adjust__button adjust__button--save" disabled={pairing}>{pairing ? 'Pairing…' : 'Pair'}</button>
            {sync?.endpoint ? <button type="button" className="adjust__button" onClick={unpair}>Unpair</button> : null}
          </div>
        </form>
        <NoteLine note={pairNote} testId="pair-note" />
      </section>

      <section className="setup__section setup__section--venue" aria-labelledby="setup-venue">
        <h2 id="setup-venue" className="section-title">Venue data</h2>
        <p className="setup__now">
          {status?.venue ? <>This desk holds <strong>{status.venue.name ?? status.venue.id}</strong> ({status.counts.customers.toLocaleString('en-GB')} customers, {status.counts.passes.toLocaleString('en-GB')} passes).</> : 'No venue on this desk yet.'}
        </p>
        <div className="setup__row">
          <button type="button" className="adjust__button" onClick={openDemo} disabled={loading !== null}>Open the demo venue</button>
          <label htmlFor="venue-file" className="setup__file-label">Import a venue file (JSON)</label>
          <input
            id="venue-file"
            className="setup__file"
            type="file"
            accept=".json,application/json"
            disabled={loading !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) importFile(file);
              event.target.value = '';
            }}
          />
        </div>
        {loading ? <p className="setup__note" role="status">{loading}</p> : null}
        <NoteLine note={venueNote} testId="venue-note" />
      </section>

      <StorageKeepingSection status={status} />
    </main>
  );
}
