// What just happened, readable at a glance from a step away: colour AND icon AND words,
// never colour alone. It is an assertive live region, so a screen reader says it at once.
import { memo } from 'react';
import type { ReactNode } from 'react';
import type { CheckInResult, PassView } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { expiryWords, leftWords, refusalWords, usesLeftWords } from '../words';
import { IneligiblePasses } from './IneligiblePasses';
import type { PassFix } from './IneligiblePasses';

export type CheckInSuccess = Extract<CheckInResult, { ok: true }>;
export type CheckInRefusal = Exclude<Extract<CheckInResult, { ok: false }>, { error: 'already-checked-in' }>;

export type DoorOutcome =
  | { kind: 'ready' }
  | { kind: 'checked-in'; customer: Customer; result: CheckInSuccess; passes: PassView[] }
  | { kind: 'confirm-duplicate'; customer: Customer; walkIn: boolean }
  | { kind: 'not-charged-again'; customer: Customer }
  | { kind: 'refused'; customer: Customer; refusal: CheckInRefusal; passes: PassView[]; walkIn: boolean }
  | { kind: 'not-found'; query: string }
  | { kind: 'undone'; customerName: string; charged: boolean; remaining: number | null }
  | { kind: 'failed'; message: string };

type Tone = 'ok' | 'warn' | 'refused' | 'info';

/** What a fix button on a refusal asks for: a pass opened with the change under way, or the customer. */
export type DoorFix = { customerId: string; passId: string; fix: PassFix } | { customerId: string; passId: null; fix: 'open' };

type Props = {
  outcome: DoorOutcome;
  /** Shows the fixes of a refusal as buttons. */
  onFix?: (fix: DoorFix) => void;
  /** Changes with every new outcome, so that the panel flashes even when the words repeat. */
  sequence: number;
  timeZone: string | null;
  /** How current this desk is, in words, when it has reached no endpoint for a while (renderer/status/syncWords.ts); null when current. */
  freshness?: string | null;
};

/**
 * One sentence, "Checked in — 10-class pass — 9 left — expires 3 Mar 2026", read whole by a
 * screen reader and by tests, but laid out for the glance: the verdict big on its own line,
 * the facts after it. The dashes that join the lines are kept in the text, visually hidden.
 */
function Headline({ verdict, lines }: { verdict: string; lines?: ReactNode[] }) {
  return (
    <p className="result__headline">
      <span className="result__verdict">{verdict}</span>
      {(lines ?? []).map((line, index) => (
        <span key={index}>
          <span className="result__joint"> — </span>
          <span className={index === (lines ?? []).length - 1 ? 'result__line result__line--facts' : 'result__line'}>{line}</span>
        </span>
      ))}
    </p>
  );
}

/** The key that undoes the check-in on screen (renderer/door/DoorScreen.tsx). */
function UndoHint() {
  return (
    <p className="result__detail result__undo-hint">
      Wrong person? <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes this check-in.
    </p>
  );
}

function passName(passes: readonly PassView[], passId: string | null): string {
  return passes.find((view) => view.pass.id === passId)?.pass.productName ?? 'pass';
}

function describe(outcome: DoorOutcome, timeZone: string | null, onFix?: (fix: DoorFix) => void): { tone: Tone; icon: string; content: ReactNode } {
  switch (outcome.kind) {
    case 'ready':
      return { tone: 'info', icon: '▸', content: <p className="result__headline">Ready — scan a pass or type a name</p> };
    case 'checked-in': {
      const { result, customer, passes } = outcome;
      if (result.charged) {
        return {
          tone: 'ok',
          icon: '✓',
          content: (
            <>
              <p className="result__customer">{customer.name}</p>
              <Headline
                verdict="Checked in"
                lines={[passName(passes, result.passId), `${leftWords(result.remaining)} — ${expiryWords(result.expiresOn)}`]}
              />
              <UndoHint />
            </>
          ),
        };
      }
      return {
        tone: 'ok',
        icon: '✓',
        content: (
          <>
            <p className="result__customer">{customer.name}</p>
            <Headline verdict="Attendance marked (booked)" />
            <p className="result__detail">
              {result.passId ? `Paid with the ${passName(passes, result.passId)} when booked: no use charged now.` : 'No use charged now.'}
            </p>
            <UndoHint />
          </>
        ),
      };
    }
    case 'confirm-duplicate':
      return {
        tone: 'warn',
        icon: '!',
        content: (
          <>
            <p className="result__customer">{outcome.customer.name}</p>
            <Headline verdict={`Already checked in ${outcome.walkIn ? 'today' : 'to this session'}`} lines={['Enter again to charge another use']} />
            <p className="result__detail">
              <kbd>Esc</kbd> cancels: nothing is charged.
            </p>
          </>
        ),
      };
    case 'not-charged-again':
      return {
        tone: 'info',
        icon: '–',
        content: (
          <>
            <p className="result__customer">{outcome.customer.name}</p>
            <Headline verdict="Not charged again" lines={['already checked in']} />
          </>
        ),
      };
    case 'refused': {
      const { refusal, customer, passes, walkIn } = outcome;
      return {
        tone: 'refused',
        icon: '✕',
        content: (
          <>
            <p className="result__customer">{customer.name}</p>
            {refusal.error === 'no-eligible-pass' ? (
              <>
                <Headline verdict="Not checked in" lines={['no pass can be used']} />
                <IneligiblePasses
                  refusals={refusal.passes}
                  passes={passes}
                  timeZone={timeZone}
                  walkIn={walkIn}
                  {...(onFix ? { onFix: (passId: string, fix: PassFix) => onFix({ customerId: customer.id, passId, fix }) } : {})}
                />
              </>
            ) : refusal.error === 'no-passes' ? (
              <>
                <Headline verdict="Not checked in" lines={['no pass']} />
                <p className="result__detail">Sell a pass on the platform.</p>
              </>
            ) : (
              <>
                <Headline verdict="Not checked in" />
                <p className="result__detail">{refusalWords(refusal.error, refusal.message)}</p>
              </>
            )}
            {onFix ? (
              <p className="result__fixes">
                <button type="button" className="fix-button" onClick={() => onFix({ customerId: customer.id, passId: null, fix: 'open' })}>
                  Open {customer.name}
                </button>
                <span className="result__fix-hint"><kbd>Tab</kbd> reaches the fixes</span>
              </p>
            ) : null}
          </>
        ),
      };
    }
    case 'not-found':
      return {
        tone: 'refused',
        icon: '?',
        content: (
          <>
            <Headline verdict="Not found" lines={[`nothing matches “${outcome.query}”`]} />
            <p className="result__detail">Check the spelling, or scan the pass again.</p>
          </>
        ),
      };
    case 'undone':
      return {
        tone: 'info',
        icon: '↶',
        content: (
          <>
            <p className="result__customer">{outcome.customerName}</p>
            <Headline verdict="Check-in undone" />
            <p className="result__detail">{outcome.charged ? `The use was given back: ${usesLeftWords(outcome.remaining)} now.` : 'Attendance is no longer marked.'}</p>
          </>
        ),
      };
    case 'failed':
      return {
        tone: 'refused',
        icon: '✕',
        content: (
          <>
            <Headline verdict="Nothing was done" />
            <p className="result__detail">{outcome.message}</p>
          </>
        ),
      };
  }
}

/** The outcomes that say something about a customer: the ones another desk's check-in could change. */
const aboutCustomer = new Set<DoorOutcome['kind']>(['checked-in', 'confirm-duplicate', 'not-charged-again', 'refused']);

export const CheckInResultPanel = memo(function CheckInResultPanel({ outcome, sequence, timeZone, onFix, freshness = null }: Props) {
  const { tone, icon, content } = describe(outcome, timeZone, onFix);
  const stale = freshness !== null && aboutCustomer.has(outcome.kind);
  return (
    <section
      role="status"
      aria-label="Check-in result"
      aria-live="assertive"
      aria-atomic="true"
      data-testid="check-in-result"
      data-outcome={outcome.kind}
      className={`result result--${tone}`}
    >
      <div key={sequence} className="result__flash">
        <span className="result__icon" aria-hidden="true">{icon}</span>
        <div className="result__words">
          {content}
          {stale ? <p className="result__detail result__freshness" data-testid="door-freshness">{freshness}</p> : null}
        </div>
      </div>
    </section>
  );
});
