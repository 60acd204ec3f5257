// What the status bar says about this computer's clock (DeskStatus.clock, main/desk/deskClock.ts)
// and about records the desk set aside (DeskStatus.setAside), in door staff's words. SPEC
// "Clocks": "a desk whose clock is off from the endpoint's says so until it is fixed."
import type { DeskClockStatus } from '../../shared/schema/api';
import type { NotSentReason } from '../../shared/rules/mergeReview';

/** "7 minutes", "2 hours", "3 days": how far off, rounded as a person would say it. */
export function clockErrorWords(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  const days = Math.round(hours / 24);
  if (days < 730) return `${days} days`;
  return `${Math.round(days / 365)} years`;
}

/** Null while the clock is right (or not measured yet). */
export function wrongClockWords(clock: DeskClockStatus): string | null {
  if (!clock.wrong || clock.offsetMs === null) return null;
  // offsetMs is the endpoint's time minus this computer's: negative means this one is ahead.
  const way = clock.offsetMs < 0 ? 'fast' : 'slow';
  return `This computer's clock is ${clockErrorWords(clock.offsetMs)} ${way}. The desk is using the server's time. Please have the clock set right.`;
}

export function setAsideWords(count: number): string | null {
  if (count === 0) return null;
  return count === 1
    ? '1 saved record could not be read and is not used (it is kept; tell the venue\u2019s IT)'
    : `${count.toLocaleString('en-GB')} saved records could not be read and are not used (they are kept; tell the venue\u2019s IT)`;
}

/** Why one of this desk's own entries is not sent yet (the review list's 'not-sent' item). */
export function notSentWords(reason: NotSentReason): string {
  switch (reason) {
    case 'clock-unmeasured':
      return "it was saved while this computer's clock was wrong, and the server's time could not be read to correct it. It counts on this desk; the desk keeps trying";
    case 'clock-ahead-again':
      return "it was saved while this computer's clock was wrong, and the server refused it again after the desk corrected its time. It counts on this desk; please have the computer's date, time and time zone checked";
  }
}
