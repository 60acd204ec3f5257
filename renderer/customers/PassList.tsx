// A customer's passes, newest first (SPEC: "purchase time descending; ties broken by id"),
// as main lists them. Each shows its badge and the numbers that matter at a glance: uses
// left of the total, the expiry, when it was bought.
import type { RefObject } from 'react';
import type { PassView } from '../../shared/schema/api';
import { venueDayOf } from '../../shared/rules/venueTime';
import { useWords } from '../i18n/useWords';
import { PassBadge } from './PassBadge';

const optionId = (passId: string) => `pass-option-${passId}`;

type Props = {
  listRef: RefObject<HTMLUListElement | null>;
  passes: readonly PassView[];
  selectedId: string | null;
  timeZone: string;
  onSelect: (passId: string) => void;
};

export function PassList({ listRef, passes, selectedId, timeZone, onSelect }: Props) {
  const words = useWords();
  const { t } = words;
  return (
    <ul
      ref={listRef}
      className="passes"
      role="listbox"
      tabIndex={0}
      aria-label={t('customer.passesTitle')}
      aria-activedescendant={selectedId ? optionId(selectedId) : undefined}
      data-testid="pass-list"
    >
      {passes.map((view) => {
        const selected = view.pass.id === selectedId;
        return (
          <li
            key={view.pass.id}
            id={optionId(view.pass.id)}
            role="option"
            aria-selected={selected}
            data-pass-id={view.pass.id}
            className={selected ? 'passes__item passes__item--selected' : 'passes__item'}
            onClick={() => onSelect(view.pass.id)}
          >
            <span className="passes__marker" aria-hidden="true">{selected ? '▶' : ''}</span>
            <span className="passes__name">
              {view.pass.productName}
              {view.state.revoked ? null : <span className="passes__terms" data-testid="pass-terms-now"> · {t('pass.termsNow', { terms: words.termsNowWords(view.state.total, view.expiryRule) })}</span>}
            </span>
            <PassBadge state={view.state} />
            <span className="passes__numbers">
              <strong>{words.usesNowWords(view.state)}</strong>{view.state.revoked ? null : <> · {words.expiryWords(view.state.expiresOn)}</>} · {t('passes.bought', { date: words.dateWords(venueDayOf(view.pass.purchasedAt, timeZone)) })}
              {view.pass.code ? <> · {t('passes.code', { code: view.pass.code })}</> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
