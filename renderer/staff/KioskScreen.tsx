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
import { expiryWords, refusalWords, usesLeftWords } from '../words';
import { playKioskTone } from './kioskSound';

type Answer = DeskApiResults['kioskCheckIn'];

/** How long an answer stays on screen before the kiosk is ready for the next person. */
const ANSWER_MS = 8_000;

function answerWords(answer: Answer): { tone: 'ok' | 'refused'; title: string; lines: string[] } {
  if (!answer.ok) return { tone: 'refused', title: 'Please see the front desk.', lines: [refusalWords(answer.error, answer.message)] };
  switch (answer.outcome) {
    case 'checked-in':
      return { tone: 'ok', title: `Welcome, ${answer.firstName}!`, lines: ['You’re checked in.', `${usesLeftWords(answer.remaining)} · ${expiryWords(answer.expiresOn)}`] };
    case 'booked':
      return { tone: 'ok', title: `Welcome, ${answer.firstName}!`, lines: [answer.sessionName ? `You’re booked in for ${answer.sessionName}.` : 'You’re booked in.'] };
    case 'already':
      return { tone: 'ok', title: `Hello again, ${answer.firstName}!`, lines: ['You’re already checked in.'] };
    case 'see-front-desk':
      return { tone: 'refused', title: 'Please see the front desk.', lines: ['They will sort it out with you.'] };
  }
}

export function KioskScreen({ desk, sound, onLeft }: { desk: DeskClient; sound: boolean; onLeft: () => void }) {
  const [typed, setTyped] = useState('');
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
      if (sound) playKioskTone(answerWords(next).tone);
    };
    desk.kioskCheckIn({ identifier }).then(show, () => show({ ok: true, outcome: 'see-front-desk' }));
  };
  const shown = answer ? answerWords(answer) : null;

  return (
    <main className="kiosk" aria-label="Self check-in">
      <h1 className="kiosk__title">Check yourself in</h1>
      <form className="kiosk__form" onSubmit={checkIn}>
        <label htmlFor="kiosk-identifier" className="kiosk__label">Scan your pass, or type your email and press Enter</label>
        <input id="kiosk-identifier" ref={inputRef} className="kiosk__input" autoComplete="off" spellCheck={false} maxLength={320} value={typed} onChange={(event) => setTyped(event.target.value)} />
      </form>
      {shown ? (
        <section className={`kiosk__answer kiosk__answer--${shown.tone}`} role="status" aria-label="Your check-in" data-testid="kiosk-answer">
          <p className="kiosk__answer-title">{shown.title}</p>
          {shown.lines.map((line) => <p key={line} className="kiosk__answer-line">{line}</p>)}
        </section>
      ) : null}
      {leaving ? <LeaveKiosk desk={desk} onLeft={onLeft} onCancel={() => setLeaving(false)} /> : (
        <button type="button" className="kiosk__staff" onClick={() => setLeaving(true)}>Staff</button>
      )}
    </main>
  );
}

function LeaveKiosk({ desk, onLeft, onCancel }: { desk: DeskClient; onLeft: () => void; onCancel: () => void }) {
  const [people, setPeople] = useState<StaffMember[]>([]);
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
  const leave = (event: FormEvent) => {
    event.preventDefault();
    desk.leaveKiosk({ staffId: who, pin }).then((answer) => {
      setPin('');
      if (answer.ok) onLeft();
      else setProblem(refusalWords(answer.error, answer.message));
    }, () => setProblem(refusalWords('internal')));
  };
  return (
    <form className="kiosk__leave" onSubmit={leave} aria-label="Leave kiosk mode">
      <label htmlFor="kiosk-leave-who">Manager or admin</label>
      <select id="kiosk-leave-who" value={who} onChange={(event) => setWho(event.target.value)}>
        {people.map((member) => <option key={member.id} value={member.id}>{member.name}</option>)}
      </select>
      <label htmlFor="kiosk-leave-pin">PIN</label>
      <input id="kiosk-leave-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value)} autoFocus />
      <button type="submit" className="adjust__button adjust__button--save">Leave kiosk mode</button>
      <button type="button" className="adjust__button" onClick={onCancel}>Cancel</button>
      {problem ? <p className="adjust__problem" role="alert" data-testid="kiosk-leave-problem"><span aria-hidden="true">✕ </span>{problem}</p> : null}
    </form>
  );
}
