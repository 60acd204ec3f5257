// The customer search of a desk's start, finished after the door opens: the start takes the
// customers unfolded (VenueMemory.starting), and their names and emails are folded here a slice
// at a time, between the renderer's calls (CallScheduler.idle), then sorted once. A search
// asked for before the end folds what is left first, so its answer is the same, only later
// (docs/architecture.md "The start").
import type { CustomerSearch } from '../../shared/search/customerSearch';

/** Customers folded between two looks at the renderer's calls: a few milliseconds of main's time. */
export const FOLD_SLICE = 1000;

export async function foldSearchAfterStart(search: CustomerSearch, idle: () => Promise<void>, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    await idle();
    if (stopped() || search.foldSome(FOLD_SLICE)) return;
  }
}
