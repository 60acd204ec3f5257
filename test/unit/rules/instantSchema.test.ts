// Instants carry an offset or Z, and only offsets that exist (Luxon alone takes "+25:00").
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { instantSchema } from '../../../shared/schema/records';

describe('instantSchema', () => {
  it.each(['2026-01-05T10:00:00Z', '2026-01-05T10:00:00.123Z', '2026-01-05T10:00:00+14:00', '2026-01-05T10:00:00-12:00', '2026-01-05T10:00:00+0530', '2026-01-05T10:00:00-09:30'])('takes %s', (value) => {
    expect(instantSchema.safeParse(value).success).toBe(true);
  });

  it.each(['2026-01-05T10:00:00', '2026-01-05T10:00:00+25:00', '2026-01-05T10:00:00+14:01', '2026-01-05T10:00:00+05:60', '2026-02-30T10:00:00Z', 'yesterday', ''])('refuses %s', (value) => {
    expect(instantSchema.safeParse(value).success).toBe(false);
  });
});

// A first sync checks a million entries' instants: Luxon's parse of each was a fifth of main's
// CPU there (docs/performance.md). The form every writer here uses is read without it, and gives
// the same verdict as Luxon on every string of that shape, valid or not.
describe('instantSchema reads the plain form without Luxon, with Luxon\'s verdict', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a plain instant is checked without Luxon', () => {
    const read = vi.spyOn(DateTime, 'fromISO');
    for (let minute = 0; minute < 60; minute += 1) {
      expect(instantSchema.safeParse(`2026-03-10T12:${String(minute).padStart(2, '0')}:00.000Z`).success).toBe(true);
      expect(instantSchema.safeParse(`2024-02-29T23:${String(minute).padStart(2, '0')}:59+01:00`).success).toBe(true);
    }
    expect(read).not.toHaveBeenCalled();
  });

  it('for any string of the plain shape, in range or not, the verdict is Luxon\'s (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const plainShaped = fc.tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      two(19), two(39), two(29), two(69), two(69),
      fc.constantFrom('', '.5', '.123', '.123456789'),
      fc.constantFrom('Z', '+00:00', '-00:00', '+14:00', '+14:01', '-12:00', '+05:30', '+05:60', '-09:30', '+25:00'),
    ).map(([year, month, day, hour, minute, second, fraction, offset]) => `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
    const luxonVerdict = (s: string) => {
      const offset = /[+-](\d\d):?(\d\d)$/.exec(s);
      const realOffset = s.endsWith('Z') || (offset !== null && Number(offset[1]) * 60 + Number(offset[2]) <= 14 * 60 && Number(offset[2]) < 60);
      return realOffset && DateTime.fromISO(s, { setZone: true }).isValid;
    };
    fc.assert(fc.property(plainShaped, (s) => {
      expect(instantSchema.safeParse(s).success).toBe(luxonVerdict(s));
    }), { numRuns: 5000 });
  });
});
