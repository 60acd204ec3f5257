// A manager authorises one action at another person's desk with their own PIN (SPEC), without
// signing the person out: shown under a refusal that names the role it needs; once authorised,
// the action is done again at once. The history names both.
import { useEffect, useRef, useState } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import type { StaffMember } from '../../shared/staff/staffRecords';
import type { StaffRole } from '../../shared/staff/staffRoles';
import { roleReaches } from '../../shared/staff/staffRoles';
import { useWords } from '../i18n/useWords';
import { usePinSubmit } from './usePinSubmit';

export function StepUpForm({ desk, needs, onAuthorised }: { desk: DeskClient; needs: StaffRole; onAuthorised: () => void }) {
  const [people, setPeople] = useState<StaffMember[]>([]);
  const [who, setWho] = useState('');
  const words = useWords();
  const { t } = words;
  const pinRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    let current = true;
    void desk.staffOnDesk({}).then((answer) => {
      if (!current || !answer.ok) return;
      const able = answer.staff.filter((member) => roleReaches(member.role, needs) && member.id !== answer.signedIn?.id);
      setPeople(able);
      setWho(able[0]?.id ?? '');
    });
    return () => {
      current = false;
    };
  }, [desk, needs]);
  const { pin, setPin, refused, submit } = usePinSubmit((typed) => desk.stepUp({ staffId: who, pin: typed }), onAuthorised);
  const problem = refused ? words.refusalWords(refused.error, refused.note) : null;
  if (people.length === 0) return null;
  return (
    <form className="step-up" onSubmit={submit} aria-label={t('stepUp.label')}>
      <label htmlFor="step-up-who">{t('stepUp.by')}</label>
      <select id="step-up-who" value={who} onChange={(event) => setWho(event.target.value)}>
        {people.map((member) => <option key={member.id} value={member.id}>{member.name}</option>)}
      </select>
      <label htmlFor="step-up-pin">{t('stepUp.pin')}</label>
      <input id="step-up-pin" ref={pinRef} type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value)} />
      <button type="submit" className="adjust__button adjust__button--save">{t('stepUp.authorise')}</button>
      {problem ? <p className="adjust__problem" role="alert"><span aria-hidden="true">✕ </span>{problem}</p> : null}
    </form>
  );
}
