// The last check-ins on this desk, newest first, each with Undo (SPEC: "A check-in can be
// undone; undoing gives the use back and is recorded").
import { memo } from 'react';
import type { RecentCheckIn } from '../../shared/schema/api';
import { timeWords } from '../words';

type Props = {
  items: readonly RecentCheckIn[];
  timeZone: string | null;
  onUndo: (item: RecentCheckIn) => void;
};

export const RecentCheckIns = memo(function RecentCheckIns({ items, timeZone, onUndo }: Props) {
  return (
    <section className="recent" aria-labelledby="recent-title" data-testid="recent-check-ins">
      <h2 id="recent-title" className="recent__title">Last check-ins on this desk</h2>
      {items.length === 0 ? (
        <p className="recent__empty">None yet.</p>
      ) : (
        <ul className="recent__list">
          {items.map((item) => {
            const time = timeWords(item.at, timeZone);
            return (
              <li key={item.checkInId} className={item.undone ? 'recent__item recent__item--undone' : 'recent__item'}>
                <span className="recent__time">{time}</span>
                <span className="recent__name">{item.customerName}</span>
                <span className="recent__kind">
                  {item.undone ? 'undone' : item.charged ? '1 use' : 'booked'}
                </span>
                {item.undone ? null : (
                  <button
                    type="button"
                    className="recent__undo"
                    aria-label={`Undo check-in of ${item.customerName} at ${time}`}
                    onClick={() => onUndo(item)}
                  >
                    Undo
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
