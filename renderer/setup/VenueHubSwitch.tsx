// Setup: "This desk also serves the venue's network" (an admin's switch; main refuses it to
// anyone else and runs the hub, main/venueHub/deskVenueHub.ts). On, it says where the other
// desks find this desk and shows a short pairing code for one of them at a time.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskClient, VenueHubState } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { NoteLine } from './SetupNote';
import type { Note } from './SetupNote';

type Props = { desk: DeskClient; timeZone: string | null; onChanged: () => void };

export function VenueHubSwitch({ desk, timeZone, onChanged }: Props) {
  const words = useWords();
  const { t } = words;
  // null: not known yet, or not this person's to see (the panel stays hidden).
  const [hub, setHub] = useState<VenueHubState | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [deskName, setDeskName] = useState('');
  const [code, setCode] = useState<{ desk: string; code: string; expiresAt: string } | null>(null);

  useEffect(() => {
    let current = true;
    desk.venueHub({}).then((answer) => {
      if (current && answer.ok) setHub(answer.hub);
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [desk]);

  if (!hub) return null;

  const toggle = (on: boolean) => {
    setBusy(true);
    setNote(null);
    setCode(null);
    desk.setVenueHub({ on }).then((answer) => {
      onChanged();
      if (answer.ok) setHub(answer.hub);
      else setNote({ tone: 'refused', words: words.refusalWords(answer.error, answer.note), details: answer.details });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setBusy(false));
  };

  const showCode = (event: FormEvent) => {
    event.preventDefault();
    const name = deskName.trim();
    desk.offerHubCode({ deskName: name }).then((answer) => {
      if (answer.ok) setCode({ desk: name, code: answer.code, expiresAt: answer.expiresAt });
      else setNote({ tone: 'refused', words: words.refusalWords(answer.error, answer.note) });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };

  return (
    <div className="venue-hub" data-testid="venue-hub">
      <h3 className="venue-hub__title">{t('venueHub.title')}</h3>
      <label className="venue-hub__switch">
        <input type="checkbox" checked={hub.on} disabled={busy} onChange={(event) => toggle(event.target.checked)} />
        {' '}{t('venueHub.switch')}
      </label>
      <p className="venue-hub__explain">{t('venueHub.explain')}</p>
      {hub.on && hub.address ? <p data-testid="venue-hub-address">{t('venueHub.on', { address: hub.address })}</p> : null}
      {hub.on ? (
        <form className="setup__form" onSubmit={showCode} noValidate>
          <label htmlFor="venue-hub-desk">{t('venueHub.codeFor')}</label>
          <div className="setup__row">
            <input id="venue-hub-desk" className="setup__input" value={deskName} autoComplete="off" onChange={(event) => setDeskName(event.target.value)} />
            <button type="submit" className="adjust__button" disabled={deskName.trim() === ''}>{t('venueHub.showCode')}</button>
          </div>
        </form>
      ) : null}
      {code ? (
        <p className="venue-hub__code" data-testid="venue-hub-code">
          {t('venueHub.code', { desk: code.desk, code: code.code, time: words.timeWords(code.expiresAt, timeZone) })}
        </p>
      ) : null}
      <NoteLine note={note} testId="venue-hub-note" />
    </div>
  );
}
