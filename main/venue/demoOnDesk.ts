// The demo venue is offered, never imposed (SPEC "Setting up"): a desk that holds only the demo
// (its venue is the demo and it was never paired) holds practice, which pairing with a real
// venue may discard after the person confirmed it. Anything else a desk holds is kept.
import type { DemoPractice } from '../../shared/schema/api';
import { DEMO_VENUE_ID } from '../../shared/venue/demoVenueId';
import type { DeskContext } from '../state/deskContext';

/** Whether a pairing is stored (`DeskSync.hasPairing`; main/sync/ is a layer above this folder). */
export type PairingHeld = { hasPairing(): Promise<boolean> };

/** True when the desk holds the demo venue and no pairing: what it holds is practice. */
export async function holdsOnlyDemo(context: DeskContext, sync: PairingHeld): Promise<boolean> {
  return context.venue?.id === DEMO_VENUE_ID && !await sync.hasPairing();
}

/** On a desk that holds only the demo, a venue file of `venueId` replaces it unless it is the demo itself. */
export function replacesDemo(venueId: string): boolean {
  return venueId !== DEMO_VENUE_ID;
}

/** The entries this desk made itself (never sent anywhere while it was not paired). */
export async function entriesMadeHere(context: DeskContext): Promise<{ checkIns: number; changes: number }> {
  const mine = await context.db.ledger.find({ selector: { deskId: context.deskId } }).exec();
  const checkIns = mine.filter((entry) => entry.kind === 'check-in').length;
  return { checkIns, changes: mine.length - checkIns };
}

/** What discarding the demo discards: its customers and the practice made on this desk. */
export async function demoPracticeOf(context: DeskContext): Promise<DemoPractice> {
  return { customers: context.memory.customers.size, ...await entriesMadeHere(context) };
}
