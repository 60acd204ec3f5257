// The one PIN-form submit (signing in, a manager's step-up, leaving the kiosk, the first
// manager): call main with the PIN, clear the PIN whatever the answer, call back on ok, else
// keep the refusal for the screen to say (`words.refusalWords(error, note)`).
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Refusal } from '../../shared/rules/errors';

export type PinSubmit = {
  pin: string;
  setPin: (pin: string) => void;
  /** The last refusal, null once a try is under way or went through. */
  refused: Pick<Refusal, 'error' | 'note'> | null;
  busy: boolean;
  submit: (event?: FormEvent) => void;
  /** Another person picked: no PIN, nothing refused. */
  reset: () => void;
};

export function usePinSubmit<A extends { ok: true }>(call: (pin: string) => Promise<A | Refusal>, onOk: (answer: A) => void): PinSubmit {
  const [pin, setPin] = useState('');
  const [refused, setRefused] = useState<PinSubmit['refused']>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    call(pin).then((answer) => {
      setPin('');
      if (answer.ok) {
        setRefused(null);
        onOk(answer);
      } else {
        setRefused(answer.note ? { error: answer.error, note: answer.note } : { error: answer.error });
      }
    }, () => setRefused({ error: 'internal' })).finally(() => setBusy(false));
  };
  const reset = () => {
    setPin('');
    setRefused(null);
  };
  return { pin, setPin, refused, busy, submit, reset };
}
