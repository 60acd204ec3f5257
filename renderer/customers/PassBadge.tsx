// A pass's status as a badge: colour AND an icon AND the word (never colour alone).
import type { PassState } from '../../shared/rules/passState';
import { passBadgeWords } from '../words';

const icons: Record<PassState['status'], string> = {
  active: '✓',
  expired: '◔',
  'used-up': '∅',
  overdrawn: '!',
  revoked: '✕',
};

export function PassBadge({ state }: { state: Pick<PassState, 'status' | 'overdrawnBy'> }) {
  return (
    <span className={`badge badge--${state.status}`} data-testid="pass-badge">
      <span aria-hidden="true">{icons[state.status]} </span>
      {passBadgeWords(state)}
    </span>
  );
}
