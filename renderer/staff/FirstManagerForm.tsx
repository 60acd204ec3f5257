// A desk without an endpoint (the demo, a venue file) keeps its own staff: its first manager,
// chosen once here (SPEC "A desk with no endpoint has a first manager"). From then on the desk
// asks for a PIN; a paired desk takes its staff from the venue's endpoint instead.
import { useEffect, useState } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { NoteLine } from '../setup/SetupNote';
import type { Note } from '../setup/SetupNote';
import { usePinSubmit } from './usePinSubmit';

/** `lead`: what the form says above it (default: Setup's offer). */
export function FirstManagerForm({ desk, onChanged, lead }: { desk: DeskClient; onChanged: () => void; lead?: string }) {
  const [offered, setOffered] = useState(false);
  const [name, setName] = useState('');
  const words = useWords();
  const { t } = words;
  useEffect(() => {
    let current = true;
    void desk.staffOnDesk({}).then((answer) => {
      if (current && answer.ok) setOffered(answer.mayChooseFirstManager);
    });
    return () => {
      current = false;
    };
  }, [desk]);
  const { pin, setPin, refused, submit: choose } = usePinSubmit((typed) => desk.setFirstManager({ name, pin: typed }), () => {
    setOffered(false);
    onChanged();
  });
  if (!offered) return null;
  const note: Note | null = refused ? { tone: 'refused', words: refused.error === 'invalid-input' && !refused.note ? t('firstManager.typeNamePin') : words.refusalWords(refused.error, refused.note) } : null;
  return (
    <form className="setup__form" onSubmit={choose} aria-label={t('firstManager.label')}>
      <p className="setup__now">{lead ?? t('firstManager.lead')}</p>
      <div className="setup__row">
        <label htmlFor="first-manager-name">{t('firstManager.name')}</label>
        <input id="first-manager-name" className="setup__input" autoFocus={lead !== undefined} maxLength={100} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="setup__row">
        <label htmlFor="first-manager-pin">{t('firstManager.pin')}</label>
        <input id="first-manager-pin" type="password" inputMode="numeric" maxLength={8} autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
        <button type="submit" className="adjust__button adjust__button--save">{t('firstManager.save')}</button>
      </div>
      <NoteLine note={note} testId="first-manager-note" />
    </form>
  );
}
