// A refusal said where it happened, and, when main refused it for the role of the person signed
// in (SPEC: "a manager can authorise one action at another person's desk with their own PIN"),
// the manager's step-up right under it: once authorised, the action is done again at once and
// the history names both. One piece for every screen that does something a door person may not
// (an export, a past day's list, undoing another's check-in, settling the review list).
import type { Refusal } from '../../shared/rules/errors';
import type { DeskClient } from '../../shared/schema/api';
import type { StaffRole } from '../../shared/staff/staffRoles';
import { useWords } from '../i18n/useWords';
import { StepUpForm } from './StepUpForm';

/** A refusal as a screen keeps it: its code, its note, and the role it needs when it is `not-allowed`. */
export type Refused = Pick<Refusal, 'error' | 'note'> & { needs?: StaffRole };

export function refusedOf(answer: Refusal & { needs?: StaffRole }): Refused {
  return { error: answer.error, ...(answer.note ? { note: answer.note } : {}), ...(answer.needs ? { needs: answer.needs } : {}) };
}

/** Whether a manager's PIN here would let it through: refused for the role of the one signed in. */
export function stepUpWouldDo(refused: Refused): refused is Refused & { needs: StaffRole } {
  return refused.error === 'not-allowed' && refused.needs !== undefined && refused.needs !== 'door' && refused.note?.note === 'needs-role';
}

export function RefusedHere({ desk, refused, onAuthorised, testId }: { desk: DeskClient; refused: Refused | null; onAuthorised: () => void; testId?: string }) {
  const words = useWords();
  if (!refused) return null;
  return (
    <div className="refused-here" data-testid={testId}>
      <p className="adjust__problem" role="alert"><span aria-hidden="true">✕ </span>{words.refusalWords(refused.error, refused.note)}</p>
      {stepUpWouldDo(refused) ? <StepUpForm desk={desk} needs={refused.needs} onAuthorised={onAuthorised} /> : null}
    </div>
  );
}
