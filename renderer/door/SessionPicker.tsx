// Which session the door is checking in to: today's sessions in the venue zone, or a walk-in
// with no session (SPEC "Check-in at the door"). The choice is a UI preference kept in
// localStorage so that a restarted desk keeps checking in to the same session.
import { memo, useRef } from 'react';
import type { Session } from '../../shared/schema/records';
import { useWords } from '../i18n/useWords';

/** null = walk-in, no session. */
export type SessionChoice = string | null;

const STORAGE_KEY = 'door.session';
const WALK_IN = 'walk-in';
const SESSION_PREFIX = 'session:';

function rememberedChoice(): SessionChoice | undefined {
  let stored: string | null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (stored === WALK_IN) return null;
  if (stored?.startsWith(SESSION_PREFIX)) return stored.slice(SESSION_PREFIX.length);
  return undefined;
}

export function rememberSessionChoice(choice: SessionChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, choice === null ? WALK_IN : `${SESSION_PREFIX}${choice}`);
  } catch {
    // A preference that cannot be kept is not worth interrupting the door for.
  }
}

/**
 * The remembered choice if it is still one of today's sessions (or walk-in); otherwise the
 * session on now or starting next, so that a desk opened at the door is ready at once.
 */
export function initialSessionChoice(sessions: readonly Session[], nowMs: number): SessionChoice {
  const remembered = rememberedChoice();
  if (remembered === null) return null;
  if (remembered !== undefined && sessions.some((session) => session.id === remembered)) return remembered;
  const current = sessions.find((session) => Date.parse(session.endsAt) > nowMs);
  return current ? current.id : null;
}

/**
 * The choice once today's sessions are read (again): a session still on the list stays, and so
 * does a walk-in the staff picked; a walk-in the desk fell back to because no session was in yet
 * (a desk just paired, its sessions still arriving) gives way to the session on now.
 */
export function sessionChoiceAfterLoad(current: SessionChoice | undefined, pickedByStaff: boolean, sessions: readonly Session[], nowMs: number): SessionChoice {
  if (current === null && pickedByStaff) return null;
  if (current !== undefined && current !== null && sessions.some((session) => session.id === current)) return current;
  return initialSessionChoice(sessions, nowMs);
}

type Props = {
  sessions: readonly Session[];
  value: SessionChoice;
  timeZone: string | null;
  onChange: (choice: SessionChoice) => void;
  /** The choice is made: the focus goes back to the search box. */
  onDone: () => void;
};

/** Keys that move through a closed select one option at a time: the choice is not made yet. */
const browsingKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export const SessionPicker = memo(function SessionPicker({ sessions, value, timeZone, onChange, onDone }: Props) {
  const browsing = useRef(false);
  const words = useWords();
  return (
    <div className="session-picker">
      <label htmlFor="door-session">{words.t('session.label')}</label>
      <select
        id="door-session"
        data-testid="session-select"
        value={value === null ? WALK_IN : `${SESSION_PREFIX}${value}`}
        onPointerDown={() => {
          browsing.current = false;
        }}
        onKeyDown={(event) => {
          browsing.current = browsingKeys.has(event.key);
          if (event.key === 'Enter' || event.key === 'Escape') onDone();
        }}
        onChange={(event) => {
          const raw = event.target.value;
          onChange(raw === WALK_IN ? null : raw.slice(SESSION_PREFIX.length));
          if (!browsing.current) onDone();
        }}
      >
        {sessions.map((session) => (
          <option key={session.id} value={`${SESSION_PREFIX}${session.id}`}>
            {words.t('session.option', { from: words.timeWords(session.startsAt, timeZone), to: words.timeWords(session.endsAt, timeZone), name: session.name })}
          </option>
        ))}
        <option value={WALK_IN}>{words.walkInWords()}</option>
      </select>
    </div>
  );
});
