// The tab bar: every screen one function key away, shown on the tab itself so nobody has to
// remember it. A key works wherever the focus is (the door's search box included).
import { memo } from 'react';
import type { Navigate, ScreenId } from './route';
import { routeOf, screens } from './route';
import { useWords } from '../i18n/useWords';
import { useWindowListener } from './useWindowListener';

export function useScreenKeys(navigate: Navigate): void {
  useWindowListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const screen = screens.find((candidate) => candidate.key === event.key);
    if (!screen) return;
    // F1 is the browser's help and F3 its find: at this desk they open screens.
    event.preventDefault();
    navigate(routeOf(screen.id));
  });
}

export const ScreenTabs = memo(function ScreenTabs({ current, navigate }: { current: ScreenId; navigate: Navigate }) {
  const { t } = useWords();
  return (
    <nav className="tabs" aria-label={t('tabs.label')}>
      {screens.map((screen) => (
        <button
          key={screen.id}
          type="button"
          className={screen.id === current ? 'tabs__tab tabs__tab--current' : 'tabs__tab'}
          aria-current={screen.id === current ? 'page' : undefined}
          onClick={() => navigate(routeOf(screen.id))}
        >
          {t(`tabs.${screen.id}`)} <kbd>{screen.key}</kbd>
        </button>
      ))}
    </nav>
  );
});
