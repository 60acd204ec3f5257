// Which session the door checks in to once today's sessions are read (again)
// (renderer/door/SessionPicker.tsx, sessionChoiceAfterLoad). Found by the venue walk
// (test/e2e/venueNetworkWalk.spec.ts): a desk newly paired with a hub opened its door before the
// venue's sessions were in, fell back to "Walk-in, no session", and stayed there once they had
// arrived, so door staff checked customers in as walk-ins to a session that was on.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/schema/records';
import { sessionChoiceAfterLoad } from '../../../renderer/door/SessionPicker';

const nowMs = Date.parse('2026-12-07T12:00:00Z');
const yoga: Session = { id: 's-yoga', name: 'Yoga flow', category: 'yoga', startsAt: '2026-12-07T00:05:00Z', endsAt: '2026-12-07T23:55:00Z' };
const climb: Session = { id: 's-climb', name: 'Climbing club', category: 'climbing', startsAt: '2026-12-07T00:10:00Z', endsAt: '2026-12-07T23:50:00Z' };

describe('the session the door checks in to, once today\'s sessions are read', () => {
  it('a walk-in the desk fell back to while no session was in gives way to the session on now when they arrive', () => {
    const beforeSessions = sessionChoiceAfterLoad(undefined, false, [], nowMs);
    expect(beforeSessions).toBeNull();
    expect(sessionChoiceAfterLoad(beforeSessions, false, [yoga, climb], nowMs)).toBe('s-yoga');
  });

  it('a walk-in the staff picked stays, whatever arrives', () => {
    expect(sessionChoiceAfterLoad(null, true, [yoga, climb], nowMs)).toBeNull();
  });

  it('a session picked stays while it is among today\'s; gone, the door takes the session on now', () => {
    expect(sessionChoiceAfterLoad('s-climb', true, [yoga, climb], nowMs)).toBe('s-climb');
    expect(sessionChoiceAfterLoad('s-gone', true, [yoga, climb], nowMs)).toBe('s-yoga');
  });

  it('with every session of the day over, a walk-in', () => {
    expect(sessionChoiceAfterLoad(null, false, [yoga], Date.parse('2026-12-07T23:58:00Z'))).toBeNull();
  });
});
