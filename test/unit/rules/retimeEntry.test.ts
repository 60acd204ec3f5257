// Issue 12: an own entry refused as clock-ahead is re-timed by the measured offset, and its
// instant and (a check-in) venue day move with its stamp: a check-in counts on the venue day it
// really happened; nothing re-timed is later than the endpoint's time.
import { describe, expect, it } from 'vitest';
import { formatHlc, readHlc } from '../../../shared/rules/hybridLogicalClock';
import { retimeOwnEntry } from '../../../shared/rules/retimeEntry';
import { LONDON } from './build';

const dayMs = 86_400_000;
const endpointNowMs = Date.parse('2026-02-01T23:30:00Z');
const madeAt = (iso: string) => ({ at: iso, hlc: formatHlc({ wallMs: Date.parse(iso), counter: 3 }, 'A') });

describe('re-timing an own entry made by a wrong clock', () => {
  it.each([
    { rule: 'a day fast: back to the day it really happened', kind: 'check-in' as const, at: '2026-02-02T23:00:00.000Z', offset: -dayMs, expected: { at: '2026-02-01T23:00:00.000Z', venueDay: '2026-02-01' } },
    { rule: 'an hour fast across midnight in the venue zone', kind: 'check-in' as const, at: '2026-02-02T00:10:00.000Z', offset: -3_600_000, expected: { at: '2026-02-01T23:10:00.000Z', venueDay: '2026-02-01' } },
    { rule: 'never later than the endpoint\'s time now (the error changed since)', kind: 'check-in' as const, at: '2026-02-03T12:00:00.000Z', offset: -dayMs, expected: { at: '2026-02-01T23:30:00.000Z', venueDay: '2026-02-01' } },
    { rule: 'an override: instant and stamp move, it has no venue day', kind: 'uses-override' as const, at: '2026-02-02T20:00:00.000Z', offset: -dayMs, expected: { at: '2026-02-01T20:00:00.000Z' } },
  ])('$rule', ({ kind, at, offset, expected }) => {
    const fields = retimeOwnEntry({ kind, ...madeAt(at) }, offset, endpointNowMs, LONDON)!;
    expect(fields).toEqual({ ...expected, hlc: fields.hlc });
    expect('venueDay' in fields).toBe(kind === 'check-in');
    expect(readHlc(fields.hlc)).toEqual({ wallMs: Date.parse(expected.at), counter: 3, deskId: 'A' });
  });

  it('an entry whose stamp is not one is not re-timed', () => {
    expect(retimeOwnEntry({ kind: 'check-in', at: '2026-02-02T23:00:00Z', hlc: 'not a stamp' }, -dayMs, endpointNowMs, LONDON)).toBeNull();
  });
});
