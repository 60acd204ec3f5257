// Today's sessions at the door and the one picked: the session on now or next at first (or
// the one picked last on this desk), kept while it is still among today's sessions; a walk-in
// only because no session was in yet moves to the session on now when they arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import type { Session } from '../../shared/schema/records';
import type { SessionChoice } from './SessionPicker';
import { rememberSessionChoice, sessionChoiceAfterLoad } from './SessionPicker';

export type TodaySessions = {
  sessions: Session[];
  /** The session picked (null: a walk-in), undefined while today's sessions are loading. */
  sessionId: SessionChoice | undefined;
  pick: (choice: SessionChoice) => void;
};

export function useTodaySessions(desk: DeskClient, venueId: string | null, dataVersion: number): TodaySessions {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [sessionId, setSessionId] = useState<SessionChoice | undefined>(undefined);
  const pickedByStaff = useRef(false);
  useEffect(() => {
    if (venueId === null) return;
    let live = true;
    desk.todaySessions({}).then((result) => {
      if (!live || !result.ok) return;
      setSessions(result.sessions);
      setSessionId((current) => sessionChoiceAfterLoad(current, pickedByStaff.current, result.sessions, Date.now()));
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [desk, venueId, dataVersion]);
  const pick = useCallback((choice: SessionChoice) => {
    pickedByStaff.current = true;
    setSessionId(choice);
    rememberSessionChoice(choice);
  }, []);
  return { sessions, sessionId, pick };
}
