// The self check-in kiosk (SPEC "Kiosk mode"): the whole window is one task. A customer scans
// their pass or types their full email and presses Enter; the answer is big and friendly, shows
// only their first name and their own pass, and clears itself. Nothing typed here lists anyone:
// main finds a customer only by a whole code or a whole email. Leaving takes a manager's or
// admin's PIN.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DeskApiResults, DeskClient } from '../../shared/schema/api';
import type { StaffMember } from '../../shared/staff/staffRecords';
import { roleReaches } from '../../shared/staff/staffRoles';
import { useWords } from '../i18n/useWords';
import type { Words } from '../words';
import { playKioskTone } from './kioskSound';
import { usePinSubmit } from './usePinSubmit';

type Answer = DeskApiResults['kioskCheckIn'];

/** How long an answer stays on screen before the kiosk is ready for the next person. */
const ANSWER_MS = 8_000;

function answerWords(words: Words, answer: Answer): { tone: 'ok' | 'refused'; title: string; lines: string[] } {
  const { t } = words;
  if (!answer.ok) return { tone: 'refused', title: t('kiosk.seeFrontDesk'), lines: [words.refusalWords(answer.error, answer.note)] };
  switch (answer.outcome) {
    case 'checked-in':
      return { tone: 'ok', title: t('kiosk.welcome', { name: answer.firstName }), lines: [t('kiosk.checkedIn'), `${words.usesLeftWords(answer.remaining)} · ${words.expiryWords(answer.expiresOn)}`] };
    case 'booked':
      return { tone: 'ok', title: t('kiosk.welcome', { name: answer.firstName }), lines: [answer.sessionName ? t('kiosk.bookedFor', { session: answer.sessionName }) : t('kiosk.booked')] };
    case 'already':
      return { tone: 'ok', title: t('kiosk.helloAgain', { name: answer.firstName }), lines: [t('kiosk.already')] };
    case 'see-front-desk':
      return { tone: 'refused', title: t('kiosk.seeFrontDesk'), lines: [t('kiosk.sortItOut')] };
  }
}

export function KioskScreen({ desk, sound, onLeft }: { desk: DeskClient; sound: boolean; onLeft: () => void }) {
  const [typed, setTyped] = useState('');
  const words = useWords();
  const { t } = words;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [leaving, setLeaving] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (!leaving) inputRef.current?.focus();
  }, [leaving, answer]);
  useEffect(() => {
    if (!answer) return;
    const timer = window.setTimeout(() => setAnswer(null), ANSWER_MS);
    return () => window.clearTimeout(timer);
  }, [answer]);

  const checkIn = (event: FormEvent) => {
    event.preventDefault();
    const identifier = typed.trim();
    setTyped('');
    if (identifier === '') return;
    const show = (next: Answer) => {
      setAnswer(next);
      if (sound) playKioskTone(answerWords(words, next).tone);
    };
    desk.kioskCheckIn({ identifier }).then(show, () => show({ ok: true, outcome: 'see-front-desk' }));
  };
  const shown = answer ? answerWords(words, answer) : null;

  return (
    <main className="kiosk" aria-label={t('kiosk.label')}>
      <h1 className="kiosk__title">{t('kiosk.title')}</h1>
      <form className="kiosk__form" onSubmit={checkIn}>
        <label htmlFor="kiosk-identifier" className="kiosk__label">{t('kiosk.prompt')}</label>
        <input id="kiosk-identifier" ref={inputRef} className="kiosk__input" autoComplete="off" spellCheck={false} maxLength={320} value={typed} onChange={(event) => setTyped(event.target.value)} />
      </form>
      {shown ? (
        <section className={`kiosk__answer kiosk__answer--${shown.tone}`} role="status" aria-label={t('kiosk.yourCheckIn')} data-testid="kiosk-answer">
          <p className="kiosk__answer-title">{shown.title}</p>
          {shown.lines.map((line) => <p key={line} className="kiosk__answer-line">{line}</p>)}
        </section>
      ) : null}
      {leaving ? <LeaveKiosk desk={desk} onLeft={onLeft} onCancel={() => setLeaving(false)} /> : (
        <button type="button" className="kiosk__staff" onClick={() => setLeaving(true)}>{t('header.staff')}</button>
      )}
    </main>
  );
}

function LeaveKiosk({ desk, onLeft, onCancel }: { desk: DeskClient; onLeft: () => void; onCancel: () => void }) {
  const [people, setPeople] = useState<StaffMember[]>([]);
  const [who, setWho] = useState('');
  const words = useWords();
  const { t } = words;
  useEffect(() => {
    let current = true;
    void desk.staffOnDesk({}).then((answer) => {
      if (!current || !answer.ok) return;
      const able = answer.staff.filter((member) => roleReaches(member.role, 'manager'));
      setPeople(able);
      setWho(able[0]?.id ?? '');
    });
    return () => {
      current = false;
    };
  }, [desk]);
  const { pin, setPin, refused, submit: leave } = usePinSubmit((typed) => desk.leaveKiosk({ staffId: who, pin: typed }), onLeft);
  const problem = refused ? words.refusalWords(refused.error, refused.note) : null;
  return (
    <form className="kiosk__leave" onSubmit={leave} aria-label={t('kiosk.leave')}>
      <label htmlFor="kiosk-leave-who">{t('kiosk.managerOrAdmin')}</label>
      <select id="kiosk-leave-who" value={who} onChange={(event) => setWho(event.target.value)}>
        {people.map((member) => <option key={member.id} value={member.id}>{member.name}</option>)}
      </select>
      <label htmlFor="kiosk-leave-pin">{t('kiosk.pin')}</label>
      <input id="kiosk-leave-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value)} autoFocus />
      <button type="submit" className="adjust__button adjust__button--save">{t('kiosk.leave')}</button>
      <button type="button" className="adjust__button" onClick={onCancel}>{t('adjust.cancel')}</button>
      {problem ? <p className="adjust__problem" role="alert" data-testid="kiosk-leave-problem"><span aria-hidden="true">✕ </span>{problem}</p> : null}
    </form>
  );
}
