// SPEC "Check-in at the door": "A customer already checked in to the same session (for a
// walk-in with no session: the same venue day) is not charged twice by accident."
// FORMAT.md: "an earlier check-in not undone that this desk knows of".
import { describe, expect, it } from 'vitest';
import type { CheckInOccasion } from '../../../shared/rules/duplicateCheckIn';
import { earlierCheckInsOf } from '../../../shared/rules/duplicateCheckIn';
import { venueDayOf } from '../../../shared/rules/venueTime';
import { LONDON, LOS_ANGELES, aCheckIn, anAttendanceOnlyCheckIn, atVenueTime } from './build';

/** The occasion of a check-in now: the venue day comes from the venue zone, as the desk computes it. */
function occasionAt(at: string, { customerId = 'c1', sessionId = 's1', zone = LONDON } = {}): CheckInOccasion {
  return { customerId, sessionId, venueDay: venueDayOf(at, zone) };
}

describe('a second check-in to the same occasion is a duplicate', () => {
  it.each([
    {
      rule: 'same customer, same session',
      earlier: () => aCheckIn({ at: '2026-02-01T17:55:00Z', sessionId: 's1' }),
      now: occasionAt('2026-02-01T17:58:00Z', { sessionId: 's1' }), duplicate: true,
    },
    {
      rule: 'same session is the same occasion even on another day (the session is the key)',
      earlier: () => aCheckIn({ at: '2026-01-31T17:55:00Z', sessionId: 's1' }),
      now: occasionAt('2026-02-01T17:58:00Z', { sessionId: 's1' }), duplicate: true,
    },
    {
      rule: 'an attendance-only check-in (a booked customer) counts as checked in',
      earlier: () => anAttendanceOnlyCheckIn({ at: '2026-02-01T17:55:00Z', sessionId: 's1' }),
      now: occasionAt('2026-02-01T17:58:00Z', { sessionId: 's1' }), duplicate: true,
    },
    {
      rule: 'same customer, another session the same day: not a duplicate',
      earlier: () => aCheckIn({ at: '2026-02-01T17:55:00Z', sessionId: 's2' }),
      now: occasionAt('2026-02-01T17:58:00Z', { sessionId: 's1' }), duplicate: false,
    },
    {
      rule: 'another customer, same session: not a duplicate',
      earlier: () => aCheckIn({ at: '2026-02-01T17:55:00Z', sessionId: 's1', customerId: 'c2' }),
      now: occasionAt('2026-02-01T17:58:00Z', { sessionId: 's1' }), duplicate: false,
    },
    {
      rule: 'walk-in with no session, same venue day',
      earlier: () => aCheckIn({ at: '2026-02-01T09:00:00Z', sessionId: '' }),
      now: occasionAt('2026-02-01T20:00:00Z', { sessionId: '' }), duplicate: true,
    },
    {
      rule: 'walk-in with no session, the next venue day: not a duplicate',
      earlier: () => aCheckIn({ at: '2026-02-01T20:00:00Z', sessionId: '' }),
      now: occasionAt('2026-02-02T09:00:00Z', { sessionId: '' }), duplicate: false,
    },
    {
      rule: 'walk-in with no session vs. a session check-in the same day: different occasions',
      earlier: () => aCheckIn({ at: '2026-02-01T17:55:00Z', sessionId: 's1' }),
      now: occasionAt('2026-02-01T20:00:00Z', { sessionId: '' }), duplicate: false,
    },
    {
      rule: 'walk-in: the venue day is in the venue zone (08:00 and 23:30 in Los Angeles are one day, two UTC days)',
      earlier: () => aCheckIn({ at: atVenueTime(LOS_ANGELES, '2026-02-01T08:00'), sessionId: '' }, LOS_ANGELES),
      now: occasionAt(atVenueTime(LOS_ANGELES, '2026-02-01T23:30'), { sessionId: '', zone: LOS_ANGELES }), duplicate: true,
    },
    {
      rule: 'walk-in: 23:30 and 00:30 local are two venue days even within the same UTC day (London summer)',
      earlier: () => aCheckIn({ at: atVenueTime(LONDON, '2026-06-30T23:30'), sessionId: '' }),
      now: occasionAt(atVenueTime(LONDON, '2026-07-01T00:30'), { sessionId: '' }), duplicate: false,
    },
  ])('$rule', ({ earlier, now, duplicate }) => {
    const checkIn = earlier();
    expect(earlierCheckInsOf(now, [checkIn], new Set())).toEqual(duplicate ? [checkIn] : []);
  });
});

describe('an undone earlier check-in does not count', () => {
  it.each([
    { rule: 'the only earlier check-in was undone: not a duplicate', earlier: ['first'], undone: ['first'], found: [] },
    { rule: 'one of two was undone: the other is found', earlier: ['first', 'second'], undone: ['first'], found: ['second'] },
    { rule: 'none undone: both found', earlier: ['first', 'second'], undone: [], found: ['first', 'second'] },
  ])('$rule', ({ earlier, undone, found }) => {
    const checkIns = earlier.map((id, i) => aCheckIn({ id, at: `2026-02-01T17:5${i}:00Z` }));
    const result = earlierCheckInsOf(occasionAt('2026-02-01T17:58:00Z'), checkIns, new Set(undone));
    expect(result.map((c) => c.id)).toEqual(found);
  });
});
