// One customer: passes newest first on the left, the selected pass and its changes on the
// right. The focus rests on the pass list: ↑ ↓ choose a pass, the keys on the buttons change
// it, Enter saves (or, with nothing drafted, opens the pass and its history), Esc goes back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CustomerOverview, DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import type { Said } from '../door/useDoorSearch';
import { saidOf } from '../door/useDoorSearch';
import type { AdjustIntent } from '../shell/route';
import { AdjustPanel, handlePassKey, useAdjustFields } from '../adjust/AdjustPanel';
import { stepUses } from '../adjust/passAdjustment';
import type { PassDetail } from '../adjust/usePassAdjustment';
import { usePassAdjustment } from '../adjust/usePassAdjustment';
import { PassList } from './PassList';
import { PassBadge } from './PassBadge';

type Props = {
  desk: DeskClient;
  customerId: string;
  passId: string | null;
  /** A pass code the customer was found by: that pass is selected. */
  matchedCode: string | null;
  intent: AdjustIntent | null;
  timeZone: string;
  dataVersion: number;
  nowMs: number;
  onOpenPass: (passId: string) => void;
  onBack: () => void;
};

export function usePassDetail(desk: DeskClient, passId: string | null, dataVersion: number): PassDetail | null {
  const [detail, setDetail] = useState<PassDetail | null>(null);
  useEffect(() => {
    if (passId === null) {
      setDetail(null);
      return;
    }
    let live = true;
    desk.passDetail({ passId }).then((result) => {
      if (live) setDetail(result.ok ? result : null);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, passId, dataVersion]);
  return detail && detail.view.pass.id === passId ? detail : null;
}

export function CustomerPage({ desk, customerId, passId, matchedCode, intent, timeZone, dataVersion, nowMs, onOpenPass, onBack }: Props) {
  const [overview, setOverview] = useState<CustomerOverview | null>(null);
  const [problem, setProblem] = useState<Said | null>(null);
  const words = useWords();
  const { t } = words;
  const [selectedId, setSelectedId] = useState<string | null>(passId);
  const listRef = useRef<HTMLUListElement | null>(null);
  const fields = useAdjustFields();

  useEffect(() => {
    let live = true;
    desk.customerOverview({ customerId }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setProblem(saidOf(result));
        return;
      }
      setOverview(result.overview);
      const passes = result.overview.passes;
      setSelectedId((current) => {
        if (current !== null && passes.some((view) => view.pass.id === current)) return current;
        const byCode = matchedCode === null ? undefined : passes.find((view) => view.pass.code.toUpperCase() === matchedCode.toUpperCase());
        return (byCode ?? passes[0])?.pass.id ?? null;
      });
    }).catch(() => setProblem({ error: 'internal' }));
    return () => {
      live = false;
    };
  }, [desk, customerId, matchedCode, dataVersion]);

  const detail = usePassDetail(desk, selectedId, dataVersion);
  const adjust = usePassAdjustment(desk, selectedId, detail, nowMs);

  // A fix asked for on the door: that change is under way when the pass appears.
  const intentDone = useRef(false);
  const { setDraft } = adjust;
  useEffect(() => {
    if (intentDone.current || !intent || !detail || detail.view.pass.id !== passId) return;
    intentDone.current = true;
    if (intent === 'extend') {
      setDraft({ kind: 'extend', days: '' });
      requestAnimationFrame(() => fields.extend.current?.focus());
    } else {
      setDraft(stepUses(null, detail.view.state, 1));
    }
  }, [intent, detail, passId, setDraft, fields.extend]);

  const focusList = useCallback(() => listRef.current?.focus(), []);
  // The list can take the focus once it has passes in it (an empty list is not shown).
  const loaded = overview !== null;
  useEffect(() => {
    if (loaded && intent !== 'extend') focusList();
  }, [focusList, intent, loaded]);

  const passes = overview?.passes ?? [];
  const selectedIndex = passes.findIndex((view) => view.pass.id === selectedId);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (handlePassKey(event, adjust, passes[selectedIndex]?.state ?? null, fields)) {
      event.preventDefault();
      return;
    }
    const onList = event.target === listRef.current;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
      case 'Home':
      case 'End': {
        if (!onList || passes.length === 0) return;
        event.preventDefault();
        const next = event.key === 'Home' ? 0
          : event.key === 'End' ? passes.length - 1
          : Math.max(0, Math.min(passes.length - 1, selectedIndex + (event.key === 'ArrowDown' ? 1 : -1)));
        setSelectedId(passes[next]!.pass.id);
        break;
      }
      case 'Enter':
      case 'h':
      case 'H':
        if (!onList || !selectedId) return;
        event.preventDefault();
        onOpenPass(selectedId);
        break;
      case 'Escape':
        event.preventDefault();
        onBack();
        break;
    }
  };

  const customer = overview?.customer;
  return (
    <main className="customer" aria-label={customer ? t('customer.labelOf', { name: customer.name }) : t('customer.label')} onKeyDown={onKeyDown} data-testid="customer-page">
      <header className="customer__head">
        <button type="button" className="back-button" onClick={onBack}>
          <span aria-hidden="true">←</span> {t('page.back')} <kbd>Esc</kbd>
        </button>
        <h2 className="customer__name">{customer?.name ?? t('customer.label')}</h2>
        {customer?.email ? <span className="customer__email">{customer.email}</span> : null}
        <span className="customer__count">
          {overview ? t('customer.passes', { count: passes.length }) : ''}
        </span>
      </header>
      {problem ? <p className="adjust__problem" role="alert">{words.refusalWords(problem.error, problem.note)}</p> : null}
      <div className="customer__body">
        <section className="customer__passes" aria-labelledby="passes-title">
          <h3 id="passes-title" className="section-title">
            {t('customer.passesTitle')} <span className="section-title__hint">{words.rich('customer.passesHint')}</span>
          </h3>
          {overview && passes.length === 0 ? (
            <p className="customer__none">{t('customer.noPasses')}</p>
          ) : null}
          <PassList listRef={listRef} passes={passes} selectedId={selectedId} timeZone={timeZone} onSelect={(id) => {
            setSelectedId(id);
            focusList();
          }} />
        </section>
        <section className="customer__pass" aria-label={t('customer.selectedPass')}>
          {detail ? (
            <>
              <div className="pass-summary">
                <h3 className="pass-summary__name">{detail.view.pass.productName}</h3>
                {detail.view.state.revoked ? null : <span className="customer__terms">{t('pass.termsNow', { terms: words.termsNowWords(detail.view.state.total, detail.view.expiryRule) })}</span>}
                <PassBadge state={detail.view.state} />
                <button type="button" className="link-button" onClick={() => onOpenPass(detail.view.pass.id)}>
                  {t('customer.details')} <kbd>H</kbd>
                </button>
              </div>
              <AdjustPanel detail={detail} adjust={adjust} fields={fields} onFieldDone={focusList} />
            </>
          ) : null}
        </section>
      </div>
    </main>
  );
}
