// What the status bar says about this computer's clock (DeskStatus.clock, main/desk/deskClock.ts)
// and about records the desk set aside (DeskStatus.setAside), in door staff's words. SPEC
// "Clocks": "a desk whose clock is off from the endpoint's says so until it is fixed."
import type { DeskClockStatus } from '../../shared/schema/api';
import type { NotSentReason } from '../../shared/rules/mergeReview';
import type { Words } from '../words';

/** "7 minutes", "2 hours", "3 days": how far off, rounded as a person would say it. */
export function clockErrorWords(words: Words, offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes < 120) return words.durationWords(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return words.durationWords(hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < 730) return words.durationWords(days, 'day');
  return words.durationWords(Math.round(days / 365), 'year');
}

/** The whole sentence, and how far off alone for a status bar short of room; null while the clock is right (or not measured yet). */
export function wrongClockWords(words: Words, clock: DeskClockStatus): { words: string; short: string } | null {
  if (!clock.wrong || clock.offsetMs === null) return null;
  // offsetMs is the endpoint's time minus this computer's: negative means this one is ahead.
  const values = { by: clockErrorWords(words, clock.offsetMs), way: clock.offsetMs < 0 ? 'fast' : 'slow' };
  return { words: words.t('clock.wrong', values), short: words.t('clock.wrongShort', values) };
}

export function setAsideWords(words: Words, count: number): string | null {
  return count === 0 ? null : words.t('clock.setAside', { count });
}

/** Why one of this desk's own entries is not sent yet (the review list's 'not-sent' item). */
export function notSentWords(words: Words, reason: NotSentReason): string {
  return words.t(`notSent.${reason}`);
}
