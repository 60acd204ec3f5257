// Customers: find one by name, email or pass code (SPEC "Search matches the start of any word
// ... a pass code matches exactly"). The box keeps the focus; ↑ ↓ choose, Enter opens. The
// list shows only the rows in view (a common first name matches thousands at a big venue).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeskClient, SearchHit } from '../../shared/schema/api';
import { useLatestAnswer } from '../search/useLatestSearch';
import { useLocalSearch } from '../search/useLocalSearch';
import { ComboboxInput } from '../shell/ComboboxInput';
import { useWords } from '../i18n/useWords';

const LIMIT = 200;
const noHits: SearchHit[] = [];
const ROW_PX = 46;
const LIST_ID = 'customer-results';
const optionId = (index: number) => `customer-result-${index}`;

type Props = {
  desk: DeskClient;
  dataVersion: number;
  query: string;
  onQueryChange: (query: string) => void;
  onOpen: (hit: SearchHit) => void;
};

export function CustomerFinder({ desk, dataVersion, query, onQueryChange, onOpen }: Props) {
  const words = useWords();
  const { t } = words;
  const trimmed = query.trim();
  const { local: localSearch, revision: searchRevision } = useLocalSearch();
  const ask = useCallback(async (text: string) => {
    // The renderer's copy of the search when it can answer; main otherwise.
    const hits = localSearch?.find(text, LIMIT);
    if (hits) return hits;
    const result = await desk.search({ query: text, limit: LIMIT });
    return result.ok ? result.hits : null;
  }, [desk, localSearch]);
  const { answer, askNow } = useLatestAnswer(ask, trimmed, dataVersion + searchRevision);
  // A refused answer (the desk unreachable) is not "no matches": the list says it is searching.
  const settled = answer.query === trimmed && answer.value !== null;
  const hits = trimmed === '' ? noHits : answer.value ?? noHits;
  const [selection, setSelection] = useState({ query: '', index: 0 });
  const selected = selection.query === answer.query ? Math.min(selection.index, Math.max(hits.length - 1, 0)) : 0;
  const select = (index: number) => setSelection({ query: answer.query, index });

  const inputRef = useRef<HTMLInputElement | null>(null);
  // Back from a customer, the last search is still there, selected: typing starts a new one.
  useEffect(() => inputRef.current?.select(), []);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: hits.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 8 });
  useEffect(() => {
    if (hits.length > 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, hits.length, virtualizer]);

  const page = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_PX * 8) / ROW_PX) - 1);
  const onEnter = () => {
    if (settled) {
      const hit = hits[selected];
      if (hit) onOpen(hit);
    } else if (trimmed !== '') {
      // Enter before the list caught up with the typing: the best match for what was typed.
      void desk.search({ query: trimmed, limit: 1 }).then((result) => {
        const best = result.ok ? result.hits[0] : undefined;
        if (best) onOpen(best);
      });
    }
  };

  return (
    <main className="finder" aria-label={t('tabs.customers')}>
      <div className="finder__box">
        <label htmlFor="customer-find" className="finder__label">{t('search.label')}</label>
        <ComboboxInput
          id="customer-find"
          inputRef={inputRef}
          testId="customer-find"
          className="search__input"
          listId={LIST_ID}
          optionId={optionId}
          count={hits.length}
          selected={selected}
          hintId="customer-find-hint"
          value={query}
          placeholder={t('finder.placeholder')}
          onChange={(text) => {
            askNow(text.trim());
            onQueryChange(text);
          }}
          onSelect={select}
          onEnter={onEnter}
          onEscape={() => onQueryChange('')}
          pageSize={page}
        />
        <p id="customer-find-hint" className="search__hint finder__hint">
          {words.rich('finder.hint')}
        </p>
        <p className="finder__count" aria-live="polite">
          {trimmed === '' ? t('finder.start')
            : !settled && hits.length === 0 ? t('finder.searching')
            : hits.length === 0 ? t('search.noMatch', { query: trimmed })
            : hits.length >= LIMIT ? t('finder.first', { count: LIMIT })
            : t('finder.matches', { count: hits.length })}
        </p>
      </div>
      {/* The arrows in the box move the choice; the list also takes the focus, to scroll it by hand. */}
      <div ref={scrollRef} className="finder__scroll" tabIndex={0} role="region" aria-label={t('finder.scrollable')}>
        <ul
          id={LIST_ID}
          role="listbox"
          aria-label={t('search.matches')}
          data-testid="customer-results"
          data-query={answer.query}
          className="finder__list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const hit = hits[row.index]!;
            const isSelected = row.index === selected;
            return (
              <li
                key={hit.customer.id}
                id={optionId(row.index)}
                role="option"
                aria-selected={isSelected}
                aria-setsize={hits.length}
                aria-posinset={row.index + 1}
                className={isSelected ? 'finder__item finder__item--selected' : 'finder__item'}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_PX }}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  select(row.index);
                  onOpen(hit);
                }}
              >
                <span className="matches__marker" aria-hidden="true">{isSelected ? '▶' : ''}</span>
                <span className="finder__name">{hit.customer.name}</span>
                {hit.matchedCode !== null ? (
                  <span className="matches__code">{t('search.passCode', { code: hit.matchedCode })}</span>
                ) : (
                  <span className="matches__email">{hit.customer.email ?? ''}</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </main>
  );
}
