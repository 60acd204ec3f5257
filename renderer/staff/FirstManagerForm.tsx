// A desk without an endpoint (the demo, a venue file) keeps its own staff: its first manager,
// chosen once here (SPEC "A desk with no endpoint has a first manager"). From then on the desk
// asks for a PIN; a paired desk takes its staff from the venue's endpoint instead.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import { refusalWords } from '../words';
import { NoteLine } from '../setup/SetupNote';
import type { Note } from '../setup/SetupNote';

export function FirstManagerForm({ desk, onChanged }: { desk: DeskClient; onChanged: () => void }) {
  const [offered, setOffered] = useState(false);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  useEffect(() => {
    let current = true;
    void desk.staffOnDesk({}).then((answer) => {
      if (current && answer.ok) setOffered(answer.mayChooseFirstManager);
    });
    return () => {
      current = false;
    };
  }, [desk]);
  if (!offered) return null;
  const choose = (event: FormEvent) => {
    event.preventDefault();
    desk.setFirstManager({ name, pin }).then((answer) => {
      setPin('');
      if (answer.ok) {
        setOffered(false);
        onChanged();
        return;
      }
      setNote({ tone: 'refused', words: answer.error === 'invalid-input' && !answer.message ? 'Type a name, and a PIN of 4 to 8 digits.' : refusalWords(answer.error, answer.message) });
    }, () => setNote({ tone: 'refused', words: refusalWords('internal') }));
  };
  return (
    <form className="setup__form" onSubmit={choose} aria-label="First manager">
      <p className="setup__now">Anyone at this desk can change passes. To ask for a PIN, choose this desk’s first manager:</p>
      <div className="setup__row">
        <label htmlFor="first-manager-name">Manager’s name</label>
        <input id="first-manager-name" className="setup__input" maxLength={100} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="setup__row">
        <label htmlFor="first-manager-pin">PIN (4 to 8 digits)</label>
        <input id="first-manager-pin" type="password" inputMode="numeric" maxLength={8} autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
        <button type="submit" className="adjust__button adjust__button--save">Ask for PINs</button>
      </div>
      <NoteLine note={note} testId="first-manager-note" />
    </form>
  );
}
