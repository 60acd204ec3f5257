// Issue 14 item 7a: a desk's start orders every pass by its purchase instant, read once per pass
// (shared/rules/eligibility.ts), and that read was Luxon's ISO parse: at the large venue it was
// still the largest part of taking the passes into memory (docs/performance.md, "Cold start").
// The form every writer here uses is now read without Luxon, to the same millisecond as Luxon;
// anything else is still Luxon's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';
import { instantMs } from '../../../shared/rules/venueTime';
import { VenueMemory } from '../../../main/state/venueMemory';
import { aPass } from './build';

afterEach(() => {
  vi.restoreAllMocks();
});

const luxonMs = (instant: string) => DateTime.fromISO(instant, { setZone: true }).toMillis();

describe('an instant read at a cold start', () => {
  it('in the plain form is read without Luxon, so that taking 200,000 passes in does not parse 200,000 dates with it', () => {
    const memory = new VenueMemory('A');
    const read = vi.spyOn(DateTime, 'fromISO');
    for (let index = 0; index < 50; index += 1) {
      memory.upsertPass(aPass({ id: `x-${String(index).padStart(2, '0')}`, purchasedAt: `2026-01-${String(1 + (index % 28)).padStart(2, '0')}T10:${String(index).padStart(2, '0')}:00.${index}Z`, code: `PASS-${index}` }));
    }
    expect(read).not.toHaveBeenCalled();
    expect(memory.passesOf('c1')).toHaveLength(50);
  });

  it('is the same millisecond as Luxon reads, in every form', () => {
    const instants = [
      '2026-01-05T10:00:00Z', '2026-01-05T10:00:00.000Z', '2026-03-29T00:59:59.999Z', '2026-10-25T01:30:00+01:00',
      '2026-10-25T01:30:00-00:00', '2024-02-29T23:59:59+14:00', '2024-02-29T00:00:00-12:00', '2026-06-01T12:00:00.1Z',
      '2026-06-01T12:00:00.12Z', '2026-06-01T12:00:00.029Z', '2026-06-01T12:00:00.0290Z', '2026-06-01T12:00:00.123456789+05:30',
      '1970-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '0099-01-01T00:00:00Z', '0100-03-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
      // Out of range or not the plain form: Luxon's answer, whatever it is.
      '2026-02-30T10:00:00Z', '2025-02-29T10:00:00Z', '2026-01-05T24:00:00Z', '2026-01-05T23:60:00Z', '2026-01-05T10:00:60Z',
      '2026-13-01T10:00:00Z', '2026-00-10T10:00:00Z', '2026-01-05T10:00:00+25:00', '2026-01-05T10:00:00+14:60', '2026-01-05T10:00:00+0100',
      '2026-01-05T10:00Z', '2026-01-05 10:00:00Z', '2026-01-05', 'not a date', '', '2026-W02-1T10:00:00Z', '2026-01-05T10:00:00.Z',
    ];
    for (const instant of instants) expect([instant, instantMs(instant)]).toEqual([instant, luxonMs(instant)]);
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    const two = (value: number) => String(value).padStart(2, '0');
    for (let index = 0; index < 2000; index += 1) {
      const offset = next(3) === 0 ? 'Z' : `${next(2) === 0 ? '+' : '-'}${two(next(15))}:${two(next(60))}`;
      const fraction = next(2) === 0 ? '' : `.${String(next(10 ** 9)).slice(0, 1 + next(9))}`;
      const instant = `${1900 + next(200)}-${two(1 + next(12))}-${two(1 + next(31))}T${two(next(24))}:${two(next(60))}:${two(next(60))}${fraction}${offset}`;
      expect([instant, instantMs(instant)]).toEqual([instant, luxonMs(instant)]);
    }
  });
});
