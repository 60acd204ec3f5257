// Changing one pass, with the consequence on screen before Save (SPEC "Expiry", "Uses",
// "Revoking"). Every change is one key or one click away from the pass list (keys shown on
// the buttons); the result of the change reads next to the field, and so does any refusal.
import { useEffect, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode, RefObject } from 'react';
import type { PassState } from '../../shared/rules/passState';
import { useWords } from '../i18n/useWords';
import type { Consequence, DraftSection } from './passAdjustment';
import { quickExtensions, sectionOf, stepUses } from './passAdjustment';
import { StepUpForm } from '../staff/StepUpForm';
import type { PassAdjustment, PassDetail } from './usePassAdjustment';

export type AdjustFields = {
  extend: RefObject<HTMLInputElement | null>;
  setDays: RefObject<HTMLInputElement | null>;
  fixed: RefObject<HTMLInputElement | null>;
  total: RefObject<HTMLInputElement | null>;
  /** A field a key asked for before the panel was on screen (the pass still loading): focused when it is. */
  pending: RefObject<RefObject<HTMLInputElement | null> | null>;
};

export function useAdjustFields(): AdjustFields {
  return { extend: useRef(null), setDays: useRef(null), fixed: useRef(null), total: useRef(null), pending: useRef(null) };
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The keys of a pass on screen (shown on its buttons): 1 / 2 / 4 extend by that many weeks,
 * E / D / F type an extension, a timeframe or a date, - and + take a use away or give one
 * back, T types a total, R revokes, Enter saves, Esc cancels. Returns true when it used the key.
 */
export function handlePassKey(
  event: ReactKeyboardEvent,
  adjust: PassAdjustment,
  /** The selected pass's state as listed (its full detail may still be on its way). */
  state: PassState | null,
  fields: AdjustFields,
): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const { draft, setDraft } = adjust;
  if (event.key === 'Enter' && draft) {
    if (event.target instanceof HTMLButtonElement) return false; // the button's own press
    adjust.save();
    return true;
  }
  if (event.key === 'Escape' && draft) {
    adjust.cancel();
    return true;
  }
  // A revoked pass can never be changed (SPEC "Revoking"): its keys do nothing, as it shows no fields.
  if (isTyping(event.target) || !state || state.revoked) return false;
  const quick = quickExtensions.find((candidate) => candidate.key === event.key);
  if (quick) {
    setDraft({ kind: 'extend', days: String(quick.days) });
    return true;
  }
  // The focus moves at once, inside this keydown, so that the very next key typed (a fast
  // "t 2 2") lands in the field; the field starts empty, and the legend shows what is there now.
  const focus = (field: RefObject<HTMLInputElement | null>) => {
    fields.pending.current = field.current ? null : field;
    field.current?.focus();
  };
  switch (event.key) {
    case 'e': case 'E':
      setDraft({ kind: 'extend', days: '' });
      focus(fields.extend);
      return true;
    case 'd': case 'D':
      setDraft({ kind: 'set-days', days: '' });
      focus(fields.setDays);
      return true;
    case 'f': case 'F':
      setDraft({ kind: 'fixed', date: draft?.kind === 'fixed' ? draft.date : '' });
      focus(fields.fixed);
      return true;
    case 't': case 'T':
      setDraft({ kind: 'uses', total: '' });
      focus(fields.total);
      return true;
    case '-': {
      const next = stepUses(draft, state, -1);
      if (next) setDraft(next);
      return true;
    }
    case '+': case '=': {
      const next = stepUses(draft, state, 1);
      if (next) setDraft(next);
      return true;
    }
    case 'r': case 'R':
      setDraft({ kind: 'revoke' });
      return true;
  }
  return false;
}

function Change({ from, to }: { from: string; to: string }) {
  if (from === to) return <>{to}</>;
  return <>{from} → <strong>{to}</strong></>;
}

function StatusChange({ before, after }: { before: PassState; after: PassState }) {
  const words = useWords();
  if (before.status === after.status && before.overdrawnBy === after.overdrawnBy) return null;
  return <> · <Change from={words.passBadgeWords(before)} to={words.passBadgeWords(after)} /></>;
}

function Outcome({ consequence, state, section, id, confirmingPast = false }: { consequence: Consequence | null; state: PassState; section: DraftSection; id: string; confirmingPast?: boolean }) {
  const words = useWords();
  const { t } = words;
  let content: ReactNode = null;
  if (consequence?.kind === 'refused' && consequence.section === section && consequence.incomplete) {
    content = <p className="adjust__prompt">{t(consequence.problem.id, consequence.problem.values)}</p>;
  } else if (consequence?.kind === 'refused' && consequence.section === section) {
    content = (
      <p className="adjust__problem">
        <span aria-hidden="true">✕ </span>{t('adjust.cannotSave', { problem: t(consequence.problem.id, consequence.problem.values) })}
      </p>
    );
  } else if (consequence?.kind === 'expiry' && section === 'expiry') {
    const { after, sum, override } = consequence;
    content = (
      <p className="adjust__preview">
        <span aria-hidden="true">→ </span>
        {sum ? <>{words.rich('adjust.sum', { from: sum.from, by: sum.by, to: sum.to })} · </> : override.kind === 'relative' ? <>{words.rich('adjust.daysFromFirstUse', { days: override.days })} · </> : null}
        {after.expiresOn === null
          ? <strong>{t('adjust.noExpiryUntilFirstUse')}</strong>
          : <Change from={state.expiresOn === null ? t('words.noExpiry') : words.dateWords(state.expiresOn)} to={words.expiryWords(after.expiresOn)} />}
        <StatusChange before={state} after={after} />
      </p>
    );
    if (consequence.expiresAtOnce) {
      content = (
        <>
          {content}
          <p className="adjust__confirm" data-testid="adjust-past-date">
            <span aria-hidden="true">! </span>
            {confirmingPast
              ? words.rich('adjust.confirmPast')
              : words.rich('adjust.pastDate')}
          </p>
        </>
      );
    }
  } else if (consequence?.kind === 'uses' && section === 'uses') {
    const { after } = consequence;
    content = (
      <p className="adjust__preview">
        <span aria-hidden="true">→ </span>
        {words.rich('adjust.totalChange', { change: <Change from={words.totalWords(state.total)} to={words.totalWords(after.total)} />, used: after.used })} ·{' '}
        <Change from={words.usesLeftWords(state.remaining)} to={words.usesLeftWords(after.remaining)} />
        <StatusChange before={state} after={after} />
      </p>
    );
  } else if (consequence?.kind === 'revoke' && section === 'revoke') {
    content = (
      <p className="adjust__confirm">
        <span aria-hidden="true">! </span>
        {words.rich('adjust.confirmRevoke')}
      </p>
    );
  }
  // On a short screen the consequence may fall below the fold: it is brought into view.
  const ref = useRef<HTMLDivElement | null>(null);
  const shown = consequence !== null && (consequence.kind === 'refused' ? consequence.section === section : consequence.kind === section);
  const shownKind = shown ? consequence.kind : null;
  useEffect(() => {
    if (shownKind !== null) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shownKind]);
  return <div ref={ref} id={id} className="adjust__outcome" aria-live="polite">{content}</div>;
}

type Props = {
  detail: PassDetail;
  adjust: PassAdjustment;
  fields: AdjustFields;
  /** Where the focus goes back to after Esc in a field or a click on a button (the pass list), so that Enter saves. */
  onFieldDone: () => void;
};

export function AdjustPanel({ detail, adjust, fields, onFieldDone }: Props) {
  const { view, tally } = detail;
  const { state } = view;
  const { draft, setDraft, consequence, note } = adjust;
  const revoked = state.revoked;
  const canSave = consequence !== null && consequence.kind !== 'refused' && !adjust.saving;
  const words = useWords();
  const { t } = words;
  // A field's own Enter and Esc: they stop here, so the page does not save or go back twice.
  const onFieldKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      // Saved: back to the list, ready for the next key. Refused: the field keeps the focus.
      if (canSave) {
        adjust.save();
        onFieldDone();
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      adjust.cancel();
      onFieldDone();
    }
  };
  // A key pressed before this panel was on screen (its pass still loading) still gets its field.
  useEffect(() => {
    const pending = fields.pending.current;
    if (!pending?.current) return;
    fields.pending.current = null;
    pending.current.focus();
  });
  // A revoked pass shows no fields at all: nothing on it can be changed, and nothing may look as if it could.
  if (revoked) {
    return (
      <section className="adjust" aria-labelledby="adjust-title" data-testid="adjust-pass">
        <h3 id="adjust-title" className="visually-hidden">{t('adjust.title')}</h3>
        {/* Just revoked here: the saved note says so first. */}
        {note && note.section === 'revoke' ? (
          <p className={note.tone === 'ok' ? 'adjust__saved' : 'adjust__problem'} role="status">
            <span aria-hidden="true">{note.tone === 'ok' ? '✓ ' : '✕ '}</span>{note.words}
          </p>
        ) : null}
        <p className="adjust__problem adjust__problem--block" data-testid="adjust-revoked">
          <span aria-hidden="true">✕ </span>{t('adjust.isRevoked')}
        </p>
      </section>
    );
  }
  const drafted = draft ? sectionOf(draft) : null;
  // Dates are typed as the desk's language writes them, not as the browser would (renderer/adjust/dateEntry.ts).
  const dates = words.dateEntry();
  const confirmingPast = draft?.kind === 'fixed' && draft.confirmedPast === true;
  // A refusal for the role of who is signed in keeps its draft: a manager's PIN does it again.
  const noteFor = (section: DraftSection) => note && note.section === section && (!draft || note.needs) ? (
    <>
      <p className={note.tone === 'ok' ? 'adjust__saved' : 'adjust__problem'} role="status">
        <span aria-hidden="true">{note.tone === 'ok' ? '✓ ' : '✕ '}</span>{note.words}
      </p>
      {note.needs && note.needs !== 'door' ? <StepUpForm desk={adjust.desk} needs={note.needs} onAuthorised={adjust.save} /> : null}
    </>
  ) : null;

  return (
    <section className="adjust" aria-labelledby="adjust-title" data-testid="adjust-pass">
      <h3 id="adjust-title" className="visually-hidden">{t('adjust.title')}</h3>
      <fieldset className={drafted === 'expiry' ? 'adjust__section adjust__section--drafted' : 'adjust__section'}>
        <legend>
          {t('adjust.expiry')} <span className="adjust__now">{t('adjust.expiryNow', { rule: words.expiryRuleWords(tally.expiryRule), expiry: words.expiryWords(state.expiresOn) })}</span>
        </legend>
        <div className="adjust__row">
          <label className="adjust__field">
            <span className="adjust__label">{t('adjust.extendBy')}</span>
            <input
              ref={fields.extend}
              className="adjust__number"
              inputMode="numeric"
              value={draft?.kind === 'extend' ? draft.days : ''}
              onChange={(event) => setDraft({ kind: 'extend', days: event.target.value })}
              onKeyDown={onFieldKey}
              aria-describedby="adjust-expiry-outcome"
            />
            {t('adjust.days')} <kbd>E</kbd>
          </label>
          <span className="adjust__quick">
            {t('adjust.or')}
            {quickExtensions.map((quick) => (
              <button
                key={quick.key}
                type="button"
                className="adjust__button"
                aria-pressed={draft?.kind === 'extend' && draft.days === String(quick.days)}
                onClick={() => {
                  setDraft({ kind: 'extend', days: String(quick.days) });
                  onFieldDone();
                }}
              >
                {t('adjust.plusWeeks', { weeks: quick.weeks })} <kbd>{quick.key}</kbd>
              </button>
            ))}
          </span>
        </div>
        <div className="adjust__row">
          <label className="adjust__field">
            {t('adjust.setTo')}
            <input
              ref={fields.setDays}
              className="adjust__number"
              inputMode="numeric"
              value={draft?.kind === 'set-days' ? draft.days : ''}
              onChange={(event) => setDraft({ kind: 'set-days', days: event.target.value })}
              onKeyDown={onFieldKey}
              aria-describedby="adjust-expiry-outcome"
            />
            {t('adjust.daysFromFirstUsePlain')} <kbd>D</kbd>
          </label>
          <label className="adjust__field">
            {t('adjust.orFixedDate')} <span className="adjust__format">({dates.words})</span>
            <input
              ref={fields.fixed}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              placeholder={dates.words}
              className="adjust__date"
              value={draft?.kind === 'fixed' ? draft.date : ''}
              onChange={(event) => setDraft({ kind: 'fixed', date: event.target.value })}
              onKeyDown={onFieldKey}
              aria-describedby="adjust-expiry-outcome"
            />
            <kbd>F</kbd>
          </label>
        </div>
        <Outcome consequence={consequence} state={state} section="expiry" id="adjust-expiry-outcome" confirmingPast={confirmingPast} />
        {noteFor('expiry')}
      </fieldset>

      <fieldset className={drafted === 'uses' ? 'adjust__section adjust__section--drafted' : 'adjust__section'}>
        <legend>
          {t('adjust.uses')} <span className="adjust__now">{t('adjust.usesNow', { total: words.totalWords(state.total), used: state.used, left: words.usesLeftWords(state.remaining) })}</span>
        </legend>
        <div className="adjust__row">
          <button type="button" className="adjust__button" disabled={state.total === null} onClick={() => {
            setDraft(stepUses(draft, state, -1));
            onFieldDone();
          }}>
            {t('adjust.takeOne')} <kbd>-</kbd>
          </button>
          <button type="button" className="adjust__button" disabled={state.total === null} onClick={() => {
            setDraft(stepUses(draft, state, 1));
            onFieldDone();
          }}>
            {t('adjust.giveOne')} <kbd>+</kbd>
          </button>
          <label className="adjust__field">
            {t('adjust.setTotal')}
            <input
              ref={fields.total}
              className="adjust__number"
              inputMode="numeric"
              value={draft?.kind === 'uses' ? draft.total : ''}
              onChange={(event) => setDraft({ kind: 'uses', total: event.target.value })}
              onKeyDown={onFieldKey}
              aria-describedby="adjust-uses-outcome"
            />
            <kbd>T</kbd>
          </label>
        </div>
        <Outcome consequence={consequence} state={state} section="uses" id="adjust-uses-outcome" />
        {noteFor('uses')}
      </fieldset>

      <fieldset className={drafted === 'revoke' ? 'adjust__section adjust__section--drafted' : 'adjust__section'}>
        <legend>{t('adjust.revoke')} <span className="adjust__now">{t('adjust.revokeNow')}</span></legend>
        <div className="adjust__row">
          <button type="button" className="adjust__button adjust__button--danger" onClick={() => {
            setDraft({ kind: 'revoke' });
            onFieldDone();
          }}>
            {t('adjust.revokePass')} <kbd>R</kbd>
          </button>
        </div>
        <Outcome consequence={consequence} state={state} section="revoke" id="adjust-revoke-outcome" />
        {noteFor('revoke')}
      </fieldset>

      <div className="adjust__save">
        <label className="adjust__field adjust__field--reason">
          {t('adjust.reason')} <span className="adjust__optional">{t('adjust.optional')}</span>
          <input
            className="adjust__reason"
            value={adjust.reason}
            maxLength={500}
            onChange={(event) => adjust.setReason(event.target.value)}
            onKeyDown={onFieldKey}
          />
        </label>
        <button type="button" className="adjust__button adjust__button--save" disabled={!canSave} onClick={() => {
          adjust.save();
          onFieldDone();
        }}>
          {draft?.kind === 'revoke' ? t('adjust.revokeButton') : t('adjust.save')} <kbd>Enter</kbd>
        </button>
        <button type="button" className="adjust__button" disabled={!draft} onClick={() => {
          adjust.cancel();
          onFieldDone();
        }}>
          {t('adjust.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
