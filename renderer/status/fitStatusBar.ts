// The status bar is one line and never cuts a word short (issue 16: German at 1024 px overflowed
// by 144 px offline in a first sync; English at 1280 px read "3 des…"). When its items do not
// fit, they give way whole, in the order of `givesWay`, until the bar fits: each is said in
// shorter words, or not at all; only when even that does not fit does it take a second line.
// Door staff need, most first: saving problems, online or offline and how fresh the desk is,
// who is signed in (the header, not this bar), the first sync's progress, the desks heard from.
//
// Never given way: a saving problem (disk full, deleted, not guaranteed), online or offline,
// what waits to sync (its count at least), when it last synced, the sync problem's Details,
// records set aside and the review button (its count at least). The endpoint's address is not in
// the bar at all: Setup lists the endpoints. Nothing is ever cut with "…".
import { useEffect, useLayoutEffect } from 'react';
import type { RefObject } from 'react';

/**
 * An item that can give way: `short` shows its `data-short` words instead of its `.fit__long` ones;
 * `gone` hides it; `wrap` (the strip itself) lets the items take a second line.
 */
type GivesWay = { item: string; as: 'short' | 'gone' | 'wrap' };

/** First to give way first. Where each is still said is its comment. */
export const givesWay: readonly GivesWay[] = [
  // The review button says when there is; none means nothing.
  { item: 'calm', as: 'gone' },
  // This desk's id: in Setup.
  { item: 'desk', as: 'gone' },
  // Which endpoint is in use: Setup lists them.
  { item: 'route', as: 'gone' },
  // The desks heard from in the last minute, shorter, then not at all (the least staff need; Setup says it).
  { item: 'desks-words', as: 'short' },
  { item: 'desks', as: 'gone' },
  // The sync problem's sentence: its Details (which stays) has it whole.
  { item: 'problem', as: 'gone' },
  // The wrong clock: how far off, in few words ("Clock 3 hours slow"); the whole sentence is its title.
  { item: 'clock', as: 'short' },
  // The first sync: its stage and count ("First sync: 1,200"), the bar beside it; its words whole in the title.
  { item: 'progress', as: 'short' },
  // What waits to sync, in few words ("3 waiting"; the whole in its title).
  { item: 'waiting', as: 'short' },
  // The review button: its count and key ("! 2 F8"; the words in its title).
  { item: 'review', as: 'short' },
  // The first sync: the bar alone, then not at all (its words in the bar's title, and Setup says when it last synced).
  { item: 'progress-words', as: 'gone' },
  // When it last synced, in few words ("synced 3 min ago").
  { item: 'last', as: 'short' },
  { item: 'progress-bar', as: 'gone' },
  // Last, when even that does not fit (the pseudo-locale, a third longer, at 1024 px): a second
  // line, rather than a word cut short.
  { item: 'strip', as: 'wrap' },
];

const fits = (strip: HTMLElement) => strip.scrollWidth <= strip.clientWidth;

/** Everything back to its full words on one line, then each step of `givesWay` in turn until the strip fits. */
export function fitStatusBar(strip: HTMLElement): void {
  const items = [strip, ...strip.querySelectorAll<HTMLElement>('[data-fit]')];
  for (const element of items) delete element.dataset.fitAs;
  for (const step of givesWay) {
    if (fits(strip)) break;
    for (const element of items) if (element.dataset.fit === step.item) element.dataset.fitAs = step.as;
  }
}

/** Fits the strip after every render (its words change with the status) and whenever its width changes. */
export function useFitStatusBar(strip: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (strip.current) fitStatusBar(strip.current);
  });
  useEffect(() => {
    const element = strip.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      fitStatusBar(element);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [strip]);
}
