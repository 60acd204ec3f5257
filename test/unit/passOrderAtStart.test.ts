// A desk's start puts every pass into memory, which keeps each customer's passes oldest first
// (the order a check-in tries them). The order's comparison read both passes' purchase instants
// with Luxon at every comparison, and memory sorts a customer's list at every pass it takes in:
// at the large venue that was most of a second of the cold start (docs/performance.md). Each
// instant is now read once per pass.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';
import { VenueMemory } from '../../main/state/venueMemory';
import { aPass } from './rules/build';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a customer\'s passes taken in at start', () => {
  it('each pass\'s purchase instant is read once, however many passes the customer has', () => {
    const memory = new VenueMemory('A');
    const passes = Array.from({ length: 40 }, (_, index) => aPass({
      id: `x-${String(index).padStart(2, '0')}`,
      // Out of order, so that every list is sorted for real.
      purchasedAt: DateTime.fromISO('2026-01-01T10:00:00Z').plus({ hours: (index * 7) % 40 }).toISO()!,
      code: `PASS-${index}`,
    }));
    const read = vi.spyOn(DateTime, 'fromISO');
    for (const pass of passes) memory.upsertPass(pass);
    expect(read.mock.calls.length).toBeLessThanOrEqual(passes.length);
    const expected = [...passes].sort((a, b) => Date.parse(a.purchasedAt) - Date.parse(b.purchasedAt)).map((pass) => pass.id);
    expect(memory.passesOf('c1').map((pass) => pass.id)).toEqual(expected);
  });
});
