// SPEC "Clocks": "a desk whose clock is off from the endpoint's says so until it is fixed."
// The desk's clock (main/state/deskClock.ts) and what the status bar says about it
// (renderer/status/clockWords.ts).
import { describe, expect, it } from 'vitest';
import { DeskClock } from '../../main/state/deskClock';
import { clockErrorWords, setAsideWords, wrongClockWords } from '../../renderer/status/clockWords';
import { wordsIn } from '../../renderer/i18n/wordsIn';

const english = wordsIn('en-GB');

function clockAt(wallMs: number) {
  const state = { wallMs, monotonicMs: 0 };
  const clock = new DeskClock(() => state.wallMs, () => state.monotonicMs);
  const advance = (ms: number) => { state.wallMs += ms; state.monotonicMs += ms; };
  return { clock, state, advance };
}

describe('the desk clock', () => {
  it.each([
    { rule: 'never measured: the wall clock, nothing said', serverAhead: null, offset: null, wrong: false },
    { rule: 'off by 4 minutes (within ε): the wall clock, nothing said', serverAhead: 4 * 60_000, offset: 4 * 60_000, wrong: false },
    { rule: 'off by 6 minutes: corrected, and said', serverAhead: 6 * 60_000, offset: 6 * 60_000, wrong: true },
    { rule: 'a day fast: corrected, and said', serverAhead: -86_400_000, offset: -86_400_000, wrong: true },
  ])('$rule', ({ serverAhead, offset, wrong }) => {
    const { clock } = clockAt(1_000_000_000);
    if (serverAhead !== null) clock.measured(1_000_000_000 + serverAhead, 1_000_000_000 - 100, 1_000_000_000 + 100);
    expect(clock.offsetMs).toBe(offset);
    expect(clock.wrong).toBe(wrong);
    expect(clock.now()).toBe(1_000_000_000 + (wrong ? offset! : 0));
  });

  it('keeps a measurement while the wall clock runs, and drops it when the clock is set (or the computer slept), until measured again', () => {
    const { clock, state, advance } = clockAt(1_000_000_000);
    clock.measured(1_000_000_000 + 3_600_000, 1_000_000_000, 1_000_000_000);
    advance(30_000);
    expect(clock.now()).toBe(1_000_000_000 + 30_000 + 3_600_000);
    // Someone sets the clock right: the old offset must not be added to the right time.
    state.wallMs += 3_600_000;
    expect(clock.offsetMs).toBeNull();
    expect(clock.wrong).toBe(false);
    expect(clock.now()).toBe(state.wallMs);
  });
});

describe('the status bar\'s words', () => {
  it.each([
    { offsetMs: 6 * 60_000, words: '6 minutes' },
    { offsetMs: -61_000, words: '1 minute' },
    { offsetMs: 3 * 3_600_000, words: '3 hours' },
    { offsetMs: -3 * 86_400_000, words: '3 days' },
    { offsetMs: 5 * 365 * 86_400_000, words: '5 years' },
  ])('$offsetMs ms reads "$words"', ({ offsetMs, words }) => {
    expect(clockErrorWords(english, offsetMs)).toBe(words);
  });

  it('says which way the clock is off, and nothing while it is right', () => {
    expect(wrongClockWords(english, { offsetMs: -7_200_000, wrong: true })).toEqual({ words: 'This computer\'s clock is 2 hours fast. The desk is using the server\'s time. Please have the clock set right.', short: 'Clock 2 hours fast' });
    expect(wrongClockWords(english, { offsetMs: 7_200_000, wrong: true })?.short).toBe('Clock 2 hours slow');
    expect(wrongClockWords(english, { offsetMs: 60_000, wrong: false })).toBeNull();
    expect(setAsideWords(english, 0)).toBeNull();
    expect(setAsideWords(english, 1)).toMatch(/^1 saved record could not be read/);
    expect(setAsideWords(english, 1200)).toMatch(/^1,200 saved records/);
  });
});
