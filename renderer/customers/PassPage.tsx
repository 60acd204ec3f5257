// One pass in full (SPEC "History and audit"): the terms snapshot from its purchase, the
// numbers now (total / used / remaining, first use, expiry), and the whole history, newest
// first on screen: what changed (before → after), who, which desk, when, why. Exportable
// as CSV, oldest first, as the ledger was written.
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeskClient } from '../../shared/schema/api';
import type { HistoryItem } from '../../shared/rules/passHistory';
import { venueDayOf } from '../../shared/rules/venueTime';
import { toCsv, fileNamePart } from '../export/csv';
import { ExportNote, useCsvExport } from '../export/useExportNote';
import { useWords } from '../i18n/useWords';
import { RefusedHere, refusedOf } from '../staff/RefusedHere';
import type { Refused } from '../staff/RefusedHere';
import { PassBadge } from './PassBadge';
import { usePassDetail } from './CustomerPage';
import { changeWords, historyCsvHeader, historyCsvRows, historyWhat, whoWords } from './historyWords';

const ROW_PX = 52;

type Props = {
  desk: DeskClient;
  passId: string;
  dataVersion: number;
  onBack: () => void;
};

export function PassPage({ desk, passId, dataVersion, onBack }: Props) {
  const detail = usePassDetail(desk, passId, dataVersion);
  const words = useWords();
  const { t } = words;
  const [items, setItems] = useState<HistoryItem[]>([]);
  useEffect(() => {
    let live = true;
    desk.passHistory({ passId }).then((result) => {
      if (live && result.ok) setItems(result.items);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, passId, dataVersion]);
  const newestFirst = [...items].reverse();

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const mainRef = useRef<HTMLElement | null>(null);
  const virtualizer = useVirtualizer({ count: newestFirst.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 6 });
  useEffect(() => mainRef.current?.focus(), []);

  const { fileName: exported, exportCsv: writeCsv } = useCsvExport();
  // SPEC: a manager exports. The file's rows come from main's own export call, which needs one.
  const [exportRefused, setExportRefused] = useState<Refused | null>(null);
  const exportCsv = () => {
    if (!detail) return;
    const name = `history-${fileNamePart(detail.customer.name)}-${fileNamePart(detail.view.pass.productName)}-${detail.view.pass.id}.csv`;
    desk.exportPassHistory({ passId: detail.view.pass.id }).then((result) => {
      if (!result.ok) {
        setExportRefused(refusedOf(result));
        return;
      }
      setExportRefused(null);
      writeCsv(name, toCsv(historyCsvHeader(words), historyCsvRows(words, result.items, detail.timeZone)));
    }, () => setExportRefused({ error: 'internal' }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    } else if ((event.key === 'x' || event.key === 'X') && !(event.target instanceof HTMLInputElement)) {
      event.preventDefault();
      exportCsv();
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'PageDown' || event.key === 'PageUp') && event.target === mainRef.current) {
      // The history scrolls from the keyboard without a focus stop inside it.
      event.preventDefault();
      const step = event.key.startsWith('Page') ? (scrollRef.current?.clientHeight ?? 300) - ROW_PX : ROW_PX;
      scrollRef.current?.scrollBy({ top: event.key === 'ArrowDown' || event.key === 'PageDown' ? step : -step });
    }
  };

  const view = detail?.view;
  const timeZone = detail?.timeZone ?? null;
  return (
    <main ref={mainRef} className="pass-page" tabIndex={-1} aria-label={t('pass.label')} onKeyDown={onKeyDown} data-testid="pass-page">
      <header className="customer__head">
        <button type="button" className="back-button" onClick={onBack}>
          <span aria-hidden="true">←</span> {t('page.back')} <kbd>Esc</kbd>
        </button>
        <h2 className="customer__name">{view?.pass.productName ?? t('ineligible.aPass')}</h2>
        {view && !view.state.revoked ? <span className="customer__terms" data-testid="pass-terms-now">{t('pass.termsNow', { terms: words.termsNowWords(view.state.total, view.expiryRule) })}</span> : null}
        {view ? <PassBadge state={view.state} /> : null}
        <span className="customer__email">{detail?.customer.name}</span>
        <button type="button" className="adjust__button pass-page__export" onClick={exportCsv} disabled={!detail}>
          {t('pass.export')} <kbd>X</kbd>
        </button>
      </header>
      <ExportNote fileName={exported} />
      <RefusedHere desk={desk} refused={exportRefused} onAuthorised={exportCsv} testId="export-refused" />
      {view && timeZone ? (
        <div className="pass-facts">
          <section aria-labelledby="numbers-title" className="pass-facts__box">
            <h3 id="numbers-title" className="section-title">{t('pass.now')}</h3>
            <dl className="facts" data-testid="pass-numbers">
              <div><dt>{t('pass.total')}</dt><dd>{words.totalWords(view.state.total)}</dd></div>
              <div><dt>{t('pass.used')}</dt><dd>{words.numberWords(view.state.used)}</dd></div>
              <div><dt>{t('pass.remaining')}</dt><dd>{view.state.revoked ? t('pass.noneRevoked') : view.state.remaining === null ? t('words.unlimited') : words.usesLeftWords(view.state.remaining)}</dd></div>
              <div><dt>{t('pass.firstUse')}</dt><dd>{view.state.firstUseOn ? words.dateWords(view.state.firstUseOn) : t('pass.notUsedYet')}</dd></div>
              <div><dt>{t('adjust.expiry')}</dt><dd>{words.expiryWords(view.state.expiresOn)}</dd></div>
            </dl>
          </section>
          <section aria-labelledby="terms-title" className="pass-facts__box">
            <h3 id="terms-title" className="section-title">{t('pass.termsBought')}</h3>
            <dl className="facts" data-testid="pass-terms">
              <div><dt>{t('adjust.uses')}</dt><dd>{words.totalWords(view.pass.terms.uses)}</dd></div>
              <div><dt>{t('adjust.expiry')}</dt><dd>{words.expiryRuleWords(view.pass.terms.expiry)}</dd></div>
              <div><dt>{t('pass.validFor')}</dt><dd>{words.validForWords(view.pass.terms.validFor)}</dd></div>
              <div><dt>{t('pass.bought')}</dt><dd>{words.dateWords(venueDayOf(view.pass.purchasedAt, timeZone))}</dd></div>
              <div><dt>{t('pass.code')}</dt><dd>{view.pass.code || '—'}</dd></div>
            </dl>
          </section>
        </div>
      ) : null}
      <section className="history" aria-labelledby="history-title">
        <h3 id="history-title" className="section-title">
          {t('pass.history')} <span className="section-title__hint">{t('pass.entries', { count: items.length })} · {t('pass.scroll')}</span>
        </h3>
        <div className="history__head" aria-hidden="true">
          <span>{t('csv.when')}</span><span>{t('csv.what')}</span><span>{t('pass.beforeAfter')}</span><span>{t('pass.whoDesk')}</span><span>{t('csv.reason')}</span>
        </div>
        {/* A focus stop of its own: the arrows and Page keys scroll the history there too. */}
        <div ref={scrollRef} className="history__scroll" tabIndex={0} role="region" aria-label={t('pass.historyEntries')}>
          <ol className="history__list" data-testid="pass-history" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = newestFirst[row.index]!;
              return (
                <li key={`${item.kind}:${item.id}`} className="history__item" style={{ transform: `translateY(${row.start}px)`, height: ROW_PX }}>
                  <span className="history__when">{words.instantWords(item.at, timeZone)}</span>
                  <span className="history__what">{historyWhat(words, item)}</span>
                  <span className="history__change">{changeWords(words, item)}</span>
                  <span className="history__who">{whoWords(words, item) || (item.deskId ? '—' : t('pass.platform'))}{item.deskId ? <> · {item.deskId}</> : null}</span>
                  <span className="history__reason">{item.reason || '—'}</span>
                </li>
              );
            })}
          </ol>
        </div>
      </section>
    </main>
  );
}
