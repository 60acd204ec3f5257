// Which pass a check-in uses (SPEC "Which pass a check-in uses"): the oldest eligible pass,
// by earliest purchase instant, equal instants by pass id; not the one that expires soonest.
import type { PassTerms, Session } from '../schema/records';
import type { PassState } from './passState';
import { instantMs } from './venueTime';

/** FORMAT.md's reasons, in the order they are reported. */
export const ineligibilityReasons = ['revoked', 'expired', 'used-up', 'not-valid-for-session'] as const;
export type IneligibilityReason = (typeof ineligibilityReasons)[number];

export type SessionCategory = Pick<Session, 'category'> | null;

/**
 * SPEC: "its event categories include the session's category, or it is valid for all events;
 * a walk-in with no session can use only passes valid for all events".
 */
export function isValidForSession(validFor: PassTerms['validFor'], session: SessionCategory): boolean {
  if (validFor === 'all') return true;
  return session !== null && validFor.includes(session.category);
}

/** Every reason that applies, in FORMAT.md's order; empty when the pass is eligible. */
export function ineligibilityOf(
  state: Pick<PassState, 'revoked' | 'expired' | 'remaining'>,
  terms: Pick<PassTerms, 'validFor'>,
  session: SessionCategory,
): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  if (state.revoked) reasons.push('revoked');
  if (state.expired) reasons.push('expired');
  if (state.remaining !== null && state.remaining <= 0) reasons.push('used-up');
  if (!isValidForSession(terms.validFor, session)) reasons.push('not-valid-for-session');
  return reasons;
}

export type PassOrderKey = { id: string; purchasedAt: string };

/**
 * Each pass's purchase instant, read once: a sort compares a pass many times, and main's memory
 * sorts a customer's passes at every pass it takes in (198,000 at the large venue's start).
 * Records are never changed in place (a new version is a new object), so the object is the key.
 */
const purchaseMs = new WeakMap<PassOrderKey, number>();

function purchaseMsOf(pass: PassOrderKey): number {
  let ms = purchaseMs.get(pass);
  if (ms === undefined) {
    ms = instantMs(pass.purchasedAt);
    purchaseMs.set(pass, ms);
  }
  return ms;
}

/** The order in which a check-in tries passes: purchase time ascending, ties by id ascending. */
export function compareOldestFirst(a: PassOrderKey, b: PassOrderKey): number {
  const byTime = purchaseMsOf(a) - purchaseMsOf(b);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** SPEC: the overview lists passes newest first, exactly the reverse of the check-in order. */
export function compareNewestFirst(a: PassOrderKey, b: PassOrderKey): number {
  return compareOldestFirst(b, a);
}

export type PassCandidate<P extends PassOrderKey> = {
  pass: P;
  state: PassState;
  terms: Pick<PassTerms, 'validFor'>;
};

export type PassChoice<P extends PassOrderKey> =
  | { kind: 'redeem'; candidate: PassCandidate<P> }
  | { kind: 'no-passes' }
  | { kind: 'no-eligible-pass'; passes: { passId: string; reasons: IneligibilityReason[] }[] };

/** The oldest eligible pass, or why none can be used, per pass, oldest first. */
export function chooseOldestEligiblePass<P extends PassOrderKey>(
  candidates: readonly PassCandidate<P>[],
  session: SessionCategory,
): PassChoice<P> {
  if (candidates.length === 0) return { kind: 'no-passes' };
  const oldestFirst = [...candidates].sort((a, b) => compareOldestFirst(a.pass, b.pass));
  const refusals: { passId: string; reasons: IneligibilityReason[] }[] = [];
  for (const candidate of oldestFirst) {
    const reasons = ineligibilityOf(candidate.state, candidate.terms, session);
    if (reasons.length === 0) return { kind: 'redeem', candidate };
    refusals.push({ passId: candidate.pass.id, reasons });
  }
  return { kind: 'no-eligible-pass', passes: refusals };
}
