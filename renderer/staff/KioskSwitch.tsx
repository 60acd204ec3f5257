// Setup: an admin makes this desk a self check-in kiosk (SPEC). The screen goes full screen
// where the browser allows it; main refuses it to anyone but an admin, and to a desk without
// staff (nobody could leave it).
import { useState } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { NoteLine } from '../setup/SetupNote';
import type { Note } from '../setup/SetupNote';

export function KioskSwitch({ desk, onChanged }: { desk: DeskClient; onChanged: () => void }) {
  const [note, setNote] = useState<Note | null>(null);
  const [sound, setSound] = useState(false);
  const words = useWords();
  const enter = () => {
    desk.enterKiosk({ sound }).then((answer) => {
      if (answer.ok) {
        void document.documentElement.requestFullscreen?.().catch(() => undefined);
        onChanged();
        return;
      }
      setNote({ tone: 'refused', words: words.refusalWords(answer.error, answer.note) });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };
  return (
    <div className="setup__form">
      <div className="setup__row">
        <button type="button" className="adjust__button" onClick={enter} data-testid="kiosk-make">{words.t('kiosk.make')}</button>
        <label><input type="checkbox" checked={sound} onChange={(event) => setSound(event.target.checked)} /> {words.t('kiosk.withSound')}</label>
      </div>
      <NoteLine note={note} testId="kiosk-note" />
    </div>
  );
}
