// Pairing with the venue's hub found on the network (docs/venue-network.md): staff ask the desk
// to look, pick the hub by its venue and address, and type the ten-letter code the hub shows.
// Main looks (DNS-SD) and claims the code; what comes back is a pairing like a long code's,
// which PairWithVenue pairs with (the demo's confirmation included).
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import type { FoundHub } from '../../shared/sync/hubService';
import { useWords } from '../i18n/useWords';
import type { PairingSettings } from './pairingEntry';
import { NoteLine } from './SetupNote';
import type { Note } from './SetupNote';

type Props = { desk: DeskClient; busy: boolean; onPairing: (settings: PairingSettings) => void };

/** The address as staff read it: host and port, without the scheme. */
const addressOf = (hub: FoundHub) => hub.url.replace(/^https:\/\//, '');

export function FindVenueHub({ desk, busy, onPairing }: Props) {
  const words = useWords();
  const { t } = words;
  const [looking, setLooking] = useState(false);
  const [hubs, setHubs] = useState<FoundHub[] | null>(null);
  const [picked, setPicked] = useState<FoundHub | null>(null);
  const [code, setCode] = useState('');
  const [claiming, setClaiming] = useState(false);
  const [note, setNote] = useState<Note | null>(null);

  const look = () => {
    setLooking(true);
    setNote(null);
    desk.findHubs({}).then((answer) => {
      const found = answer.ok ? answer.hubs : [];
      setHubs(found);
      // One hub, the usual case: it is picked already, and the code field is next.
      setPicked(found.length === 1 ? found[0]! : null);
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setLooking(false));
  };

  const claim = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    setClaiming(true);
    setNote(null);
    desk.claimHubCode({ certificate: picked.certificate, code }).then((answer) => {
      if (answer.ok) onPairing(answer.pairing);
      else setNote({ tone: 'refused', words: words.refusalWords(answer.error, answer.note), details: answer.details });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setClaiming(false));
  };

  return (
    <div className="pair__hubs" data-testid="pair-hubs">
      <button type="button" className="adjust__button" onClick={look} disabled={looking || busy}>{looking ? t('pair.hubsLooking') : t('pair.hubsLook')}</button>
      {hubs !== null && !looking && hubs.length === 0 ? <p className="pair__hubs-none">{t('pair.hubsNone')}</p> : null}
      {hubs !== null && hubs.length > 0 ? (
        <fieldset className="pair__hub-list">
          <legend>{t('pair.hubsFound')}</legend>
          {hubs.map((hub) => (
            <label key={hub.certificate} className="pair__hub">
              <input type="radio" name="pair-hub" checked={picked?.certificate === hub.certificate} onChange={() => setPicked(hub)} />
              {t('pair.hubAt', { venue: hub.venueName, address: addressOf(hub) })}
            </label>
          ))}
        </fieldset>
      ) : null}
      {picked ? (
        <form className="setup__form" onSubmit={claim} noValidate>
          <label htmlFor="pair-hub-code">{t('pair.hubCode', { venue: picked.venueName })}</label>
          <div className="setup__row">
            <input id="pair-hub-code" className="setup__input pair__hub-code" value={code} placeholder="K7QM3-XHD9P" autoComplete="off" spellCheck={false} autoFocus onChange={(event) => setCode(event.target.value)} />
            <button type="submit" className="adjust__button adjust__button--save" disabled={claiming || busy}>{claiming || busy ? t('pair.pairing') : t('pair.pair')}</button>
          </div>
        </form>
      ) : null}
      <NoteLine note={note} testId="pair-hub-note" />
    </div>
  );
}
