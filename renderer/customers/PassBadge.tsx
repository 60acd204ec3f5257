// A pass's status as a badge: colour AND an icon AND the word (never colour alone).
import type { PassState } from '../../shared/rules/passState';
import { useWords } from '../i18n/useWords';

const icons: Record<PassState['status'], string> = {
  active: '✓',
  expired: '◔',
  'used-up': '∅',
  overdrawn: '!',
  revoked: '✕',
};

export function PassBadge({ state }: { state: Pick<PassState, 'status' | 'overdrawnBy'> }) {
  const words = useWords();
  return (
    <span className={`badge badge--${state.status}`} data-testid="pass-badge">
      <span aria-hidden="true">{icons[state.status]} </span>
      {words.passBadgeWords(state)}
    </span>
  );
}
