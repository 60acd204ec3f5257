// A pass and its state now, from memory.
import type { PassView } from '../../shared/schema/api';
import type { PassCandidate } from '../../shared/rules/eligibility';
import type { Pass } from '../../shared/schema/records';
import { passStateFromTally } from '../../shared/rules/passState';
import type { VenueMemory } from '../state/venueMemory';

export function passViewOf(memory: VenueMemory, pass: Pass, timeZone: string, nowMs: number): PassView {
  const tally = memory.tallyOf(pass);
  return { pass, state: passStateFromTally(tally, timeZone, nowMs), expiryRule: tally.expiryRule };
}

/** A customer's passes as check-in candidates, oldest first. */
export function passCandidatesOf(memory: VenueMemory, customerId: string, timeZone: string, nowMs: number): PassCandidate<Pass>[] {
  return memory.passesOf(customerId).map((pass) => ({ ...passViewOf(memory, pass, timeZone, nowMs), terms: pass.terms }));
}
