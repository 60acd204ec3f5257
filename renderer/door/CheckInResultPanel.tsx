// What just happened, readable at a glance from a step away: colour AND icon AND words,
// never colour alone. It is an assertive live region, so a screen reader says it at once.
import { memo } from 'react';
import type { ReactNode } from 'react';
import type { CheckInResult, PassView } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { useWords } from '../i18n/useWords';
import type { ScreenWords as Words } from '../i18n/useWords';
import type { Said } from './useDoorSearch';
import type { MessageId } from '../../shared/i18n/catalogs';
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
  | { kind: 'failed'; said: Said | MessageId };

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
  const words = useWords();
  return <p className="result__detail result__undo-hint">{words.rich('result.undoHint')}</p>;
}

function passName(words: Words, passes: readonly PassView[], passId: string | null): string {
  return passes.find((view) => view.pass.id === passId)?.pass.productName ?? words.t('result.aPass');
}

function describe(words: Words, outcome: DoorOutcome, timeZone: string | null, onFix?: (fix: DoorFix) => void): { tone: Tone; icon: string; content: ReactNode } {
  const { t } = words;
  switch (outcome.kind) {
    case 'ready':
      return { tone: 'info', icon: '▸', content: <p className="result__headline">{t('result.ready')}</p> };
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
                verdict={t('result.checkedIn')}
                lines={[passName(words, passes, result.passId), `${words.leftWords(result.remaining)} — ${words.expiryWords(result.expiresOn)}`]}
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
            <Headline verdict={t('result.attendanceMarked')} />
            <p className="result__detail">
              {result.passId ? t('result.paidWhenBooked', { pass: passName(words, passes, result.passId) }) : t('result.noUseCharged')}
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
            <Headline verdict={t('result.alreadyCheckedIn', { when: outcome.walkIn ? 'today' : 'session' })} lines={[t('result.enterAgain')]} />
            <p className="result__detail">{words.rich('result.escCancels')}</p>
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
            <Headline verdict={t('result.notChargedAgain')} lines={[t('result.alreadyIn')]} />
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
                <Headline verdict={t('result.notCheckedIn')} lines={[t('result.noPassUsable')]} />
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
                <Headline verdict={t('result.notCheckedIn')} lines={[t('result.noPass')]} />
                <p className="result__detail">{t('result.sellAPass')}</p>
              </>
            ) : (
              <>
                <Headline verdict={t('result.notCheckedIn')} />
                <p className="result__detail">{words.refusalWords(refusal.error, refusal.note)}</p>
              </>
            )}
            {onFix ? (
              <p className="result__fixes">
                <button type="button" className="fix-button" onClick={() => onFix({ customerId: customer.id, passId: null, fix: 'open' })}>
                  {t('result.open', { name: customer.name })}
                </button>
                <span className="result__fix-hint">{words.rich('result.tabToFixes')}</span>
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
            <Headline verdict={t('result.notFound')} lines={[t('result.nothingMatches', { query: outcome.query })]} />
            <p className="result__detail">{t('result.checkSpelling')}</p>
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
            <Headline verdict={t('result.undone')} />
            <p className="result__detail">{outcome.charged ? t('result.useGivenBack', { left: words.usesLeftWords(outcome.remaining) }) : t('result.attendanceUnmarked')}</p>
          </>
        ),
      };
    case 'failed':
      return {
        tone: 'refused',
        icon: '✕',
        content: (
          <>
            <Headline verdict={t('result.nothingDone')} />
            <p className="result__detail">{typeof outcome.said === 'string' ? t(outcome.said) : words.refusalWords(outcome.said.error, outcome.said.note)}</p>
          </>
        ),
      };
  }
}

/** The outcomes that say something about a customer: the ones another desk's check-in could change. */
const aboutCustomer = new Set<DoorOutcome['kind']>(['checked-in', 'confirm-duplicate', 'not-charged-again', 'refused']);

export const CheckInResultPanel = memo(function CheckInResultPanel({ outcome, sequence, timeZone, onFix, freshness = null }: Props) {
  const words = useWords();
  const { tone, icon, content } = describe(words, outcome, timeZone, onFix);
  const stale = freshness !== null && aboutCustomer.has(outcome.kind);
  return (
    <section
      role="status"
      aria-label={words.t('result.label')}
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
