// The one box the door works from. It keeps the focus; a keyboard-wedge scanner types a pass
// code and Enter into it like a person would. The list under it is an ARIA combobox listbox:
// arrows move the selection, Enter checks the selected customer in, Escape cancels.
import type { RefObject } from 'react';
import type { SearchHit } from '../../shared/schema/api';
import { ComboboxInput } from '../shell/ComboboxInput';
import { useWords } from '../i18n/useWords';

type Props = {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  /** The hits for `query` (empty while they are on their way). */
  hits: readonly SearchHit[];
  /** True once the hits shown are the answer for the current query. */
  settled: boolean;
  /** The text the shown hits answer (for measuring keystroke → results). */
  answeredQuery: string;
  selected: number;
  onQueryChange: (query: string) => void;
  onSelect: (index: number) => void;
  onEnter: () => void;
  onEscape: () => void;
};

const LIST_ID = 'door-matches';
const optionId = (index: number) => `door-match-${index}`;

export function CustomerSearchBox({ inputRef, query, hits, settled, answeredQuery, selected, onQueryChange, onSelect, onEnter, onEscape }: Props) {
  const words = useWords();
  const { t } = words;
  return (
    <div className="search">
      <label htmlFor="door-search" className="search__label">{t('search.label')}</label>
      <ComboboxInput
        id="door-search"
        inputRef={inputRef}
        testId="customer-search"
        className="search__input"
        listId={LIST_ID}
        optionId={optionId}
        count={hits.length}
        selected={selected}
        hintId="door-search-hint"
        value={query}
        placeholder={t('search.placeholder')}
        onChange={onQueryChange}
        onSelect={onSelect}
        onEnter={onEnter}
        onEscape={onEscape}
      />
      <p id="door-search-hint" className="search__hint">
        {words.rich('search.hint')}
      </p>
      <ul id={LIST_ID} className="matches" role="listbox" aria-label={t('search.matches')} data-testid="customer-matches" data-query={settled ? answeredQuery : ''}>
        {hits.map((hit, index) => (
          <li
            key={hit.customer.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === selected}
            className={index === selected ? 'matches__item matches__item--selected' : 'matches__item'}
            // Keep the focus in the box: a click only moves the selection.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onSelect(index)}
          >
            <span className="matches__marker" aria-hidden="true">{index === selected ? '▶' : ''}</span>
            <span className="matches__name">{hit.customer.name}</span>
            {hit.matchedCode !== null ? (
              <span className="matches__code">{t('search.passCode', { code: hit.matchedCode })}</span>
            ) : hit.customer.email ? (
              <span className="matches__email">{hit.customer.email}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {settled && query.trim() !== '' && hits.length === 0 ? (
        <p className="matches__none">{t('search.noMatch', { query: query.trim() })}</p>
      ) : null}
    </div>
  );
}
