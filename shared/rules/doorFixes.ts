// What staff can do about a refused pass (SPEC "Which pass a check-in uses": "what staff can
// do about it (extend, give back a use, sell a pass on the platform)"). A fix is offered only
// where it would let the customer in: giving a use back to a pass that is also not valid for
// the session changes the pass and still refuses the customer.
import type { IneligibilityReason } from './eligibility';

export type PassFix = 'extend' | 'give-back';

/** The one fix each reason allows; revoked and not-valid-for-session have none at the desk. */
const fixOfReason: Record<IneligibilityReason, PassFix | null> = {
  revoked: null,
  expired: 'extend',
  'used-up': 'give-back',
  'not-valid-for-session': null,
};

/**
 * The fixes that, made together, would make this pass usable for the check-in that was
 * refused, in the order the reasons are reported; none when any reason has no fix.
 */
export function fixesThatAdmit(reasons: readonly IneligibilityReason[]): PassFix[] {
  const fixes: PassFix[] = [];
  for (const reason of reasons) {
    const fix = fixOfReason[reason];
    if (fix === null) return [];
    if (!fixes.includes(fix)) fixes.push(fix);
  }
  return fixes;
}

/** Every fix that would admit the customer with one of their passes (each listed once). */
export function fixesForRefusal(passes: readonly { reasons: readonly IneligibilityReason[] }[]): PassFix[] {
  const fixes = new Set<PassFix>();
  for (const { reasons } of passes) for (const fix of fixesThatAdmit(reasons)) fixes.add(fix);
  return [...fixes];
}
