// The last check-ins on this desk, newest first, each with Undo (SPEC: "A check-in can be
// undone; undoing gives the use back and is recorded").
import { memo } from 'react';
import type { RecentCheckIn } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';

type Props = {
  items: readonly RecentCheckIn[];
  timeZone: string | null;
  onUndo: (item: RecentCheckIn) => void;
};

export const RecentCheckIns = memo(function RecentCheckIns({ items, timeZone, onUndo }: Props) {
  const words = useWords();
  const { t } = words;
  return (
    <section className="recent" aria-labelledby="recent-title" data-testid="recent-check-ins">
      <h2 id="recent-title" className="recent__title">{t('recent.title')}</h2>
      {items.length === 0 ? (
        <p className="recent__empty">{t('recent.none')}</p>
      ) : (
        <ul className="recent__list">
          {items.map((item) => {
            const time = words.timeWords(item.at, timeZone);
            return (
              <li key={item.checkInId} className={item.undone ? 'recent__item recent__item--undone' : 'recent__item'}>
                <span className="recent__time">{time}</span>
                <span className="recent__name">{item.customerName}</span>
                <span className="recent__kind">
                  {t('recent.kind', { kind: item.undone ? 'undone' : item.charged ? 'charged' : 'booked' })}
                </span>
                {item.undone ? null : (
                  <button
                    type="button"
                    className="recent__undo"
                    aria-label={t('recent.undoLabel', { name: item.customerName, time })}
                    onClick={() => onUndo(item)}
                  >
                    {t('recent.undo')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
