// SPEC "The venue's network": a desk that has heard from no endpoint for a while says so next to
// what it shows about a customer: after more than a minute without reaching one.
import { describe, expect, it } from 'vitest';
import { doorFreshness } from '../../../shared/rules/doorFreshness';
import { doorFreshnessWords } from '../../../renderer/status/syncWords';
import { wordsIn } from '../../../renderer/i18n/wordsIn';

const english = wordsIn('en-GB');
const short = (count: number, unit: string) => new Intl.NumberFormat('en-GB', { style: 'unit', unit, unitDisplay: 'short' }).format(count);

const nowMs = Date.parse('2026-12-07T10:57:00Z');
const paired = { endpoint: 'https://127.0.0.2:4700', online: false };

describe('how current the door is', () => {
  it.each([
    ['a desk with no endpoint', { endpoint: null, online: false, lastSyncedAt: null }, { kind: 'current' }],
    ['online (its live stream is open)', { ...paired, online: true, lastSyncedAt: '2026-12-07T10:00:00Z' }, { kind: 'current' }],
    ['offline for exactly a minute', { ...paired, lastSyncedAt: '2026-12-07T10:56:00Z' }, { kind: 'current' }],
    ['offline for a minute and a second', { ...paired, lastSyncedAt: '2026-12-07T10:55:59Z' }, { kind: 'stale', asOf: '2026-12-07T10:55:59Z', offlineMs: 61_000 }],
    ['offline 25 minutes', { ...paired, lastSyncedAt: '2026-12-07T10:32:00Z' }, { kind: 'stale', asOf: '2026-12-07T10:32:00Z', offlineMs: 25 * 60_000 }],
    ['paired but never reached', { ...paired, lastSyncedAt: null }, { kind: 'stale', asOf: null, offlineMs: null }],
    ['a last sync ahead of this clock', { ...paired, lastSyncedAt: '2026-12-07T11:30:00Z' }, { kind: 'current' }],
  ] as const)('%s', (_name, sync, expected) => {
    expect(doorFreshness(sync, nowMs)).toEqual(expected);
  });

  it.each([
    // Units as this runtime's Intl writes them short ("25 min", "25 mins" in another ICU).
    ['2026-12-07T10:32:00Z', `As of 10:32 — this desk has been offline ${short(25, 'minute')}; another desk may have checked them in.`],
    ['2026-12-07T07:52:00Z', `As of 07:52 — this desk has been offline ${short(3, 'hour')} ${short(5, 'minute')}; another desk may have checked them in.`],
    ['2026-12-05T10:00:00Z', 'As of 10:00 — this desk has been offline 2 days; another desk may have checked them in.'],
  ])('says it in words, in the venue\'s time: last reached %s', (lastSyncedAt, words) => {
    expect(doorFreshnessWords(english, doorFreshness({ ...paired, lastSyncedAt }, nowMs), 'Europe/London')).toBe(words);
  });

  it('says nothing when the desk is current', () => {
    expect(doorFreshnessWords(english, doorFreshness({ ...paired, online: true, lastSyncedAt: null }, nowMs), 'Europe/London')).toBeNull();
  });
});
