// Who is at the desk (SPEC "Staff, roles and the kiosk"): pick your name, or type a few
// letters of it, then your PIN. Fast enough for a shift change: the box is focused, Enter on
// a name (or the only name left) moves to the PIN, Enter on the PIN signs in, Esc goes back.
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { DeskApiResults, DeskClient } from '../../shared/schema/api';
import type { StaffMember } from '../../shared/staff/staffRecords';
import { useWords } from '../i18n/useWords';
import { usePinSubmit } from './usePinSubmit';
import { roleWords } from './staffWords';

type Listing = Extract<DeskApiResults['staffOnDesk'], { ok: true }>;

export function SignInScreen({ desk, onSignedIn }: { desk: DeskClient; onSignedIn: () => void }) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const words = useWords();
  const { t } = words;
  const { pin, setPin, refused: problem, busy, submit: signIn, reset } = usePinSubmit(
    (typed) => desk.signIn({ staffId: chosen?.id ?? '', pin: typed }),
    () => onSignedIn(),
  );
  const nameRef = useRef<HTMLInputElement | null>(null);
  const pinRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    let current = true;
    void desk.staffOnDesk({}).then((answer) => {
      if (current && answer.ok) setListing(answer);
    });
    return () => {
      current = false;
    };
  }, [desk]);
  useEffect(() => (chosen ? pinRef : nameRef).current?.focus(), [chosen, listing]);

  const folded = typed.trim().toLocaleLowerCase();
  const matches = (listing?.staff ?? []).filter((member) => folded === '' || member.name.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(folded)) || member.name.toLocaleLowerCase().startsWith(folded));

  const choose = (member: StaffMember) => {
    setChosen(member);
    reset();
  };
  const onNameKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && matches.length === 1) {
      event.preventDefault();
      choose(matches[0]!);
    }
  };

  return (
    <main className="sign-in" aria-label={t('signIn.label')}>
      <h2 className="sign-in__title">{t('signIn.title')}</h2>
      {chosen ? (
        <form className="sign-in__form" onSubmit={signIn}>
          <p className="sign-in__who">{chosen.name} <span className="sign-in__role">{roleWords(words, chosen.role)}</span></p>
          <label htmlFor="sign-in-pin">{t('signIn.pin')}</label>
          <input
            id="sign-in-pin"
            ref={pinRef}
            className="sign-in__pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setChosen(null);
              }
            }}
          />
          <div className="sign-in__buttons">
            <button type="submit" className="adjust__button adjust__button--save" disabled={busy}>{t('signIn.label')}</button>
            <button type="button" className="adjust__button" onClick={() => setChosen(null)}>{words.rich('signIn.notMe', { name: chosen.name })}</button>
          </div>
          {problem ? <p className="adjust__problem" role="alert" data-testid="sign-in-problem"><span aria-hidden="true">✕ </span>{words.refusalWords(problem.error, problem.note)}</p> : null}
        </form>
      ) : (
        <div className="sign-in__form">
          <label htmlFor="sign-in-name">{t('signIn.name')}</label>
          <input id="sign-in-name" ref={nameRef} className="sign-in__name" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} onKeyDown={onNameKey} />
          <ul className="sign-in__names" aria-label={t('header.staff')}>
            {matches.map((member) => (
              <li key={member.id}>
                <button type="button" className="sign-in__person" onClick={() => choose(member)}>
                  {member.name} <span className="sign-in__role">{roleWords(words, member.role)}</span>
                </button>
              </li>
            ))}
          </ul>
          {listing && matches.length === 0 ? <p className="sign-in__none">{t('signIn.nobody')}</p> : null}
        </div>
      )}
    </main>
  );
}
