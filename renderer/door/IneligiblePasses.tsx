// Why no pass can be used, per pass, oldest first, with every reason that applies and what
// staff can do about it (SPEC "Which pass a check-in uses").
import type { PassView } from '../../shared/schema/api';
import type { IneligibilityReason } from '../../shared/rules/eligibility';
import { venueDayOf } from '../../shared/rules/venueTime';
import { dateWords, reasonWords, remediesFor } from '../words';

type Props = {
  refusals: readonly { passId: string; reasons: IneligibilityReason[] }[];
  /** The customer's passes, for their names and dates. */
  passes: readonly PassView[];
  timeZone: string | null;
  walkIn: boolean;
  /** Before the key: reasons only. After it: purchase dates and what staff can do too. */
  compact?: boolean;
  /** The fixes as buttons, per pass (extend an expired pass, give a use back to a used one). */
  onFix?: (passId: string, fix: PassFix) => void;
};

export type PassFix = 'extend' | 'give-back';

/** SPEC: "what staff can do about it (extend, give back a use ...)": the fix each reason allows. */
const fixOf: Partial<Record<IneligibilityReason, { fix: PassFix; words: string }>> = {
  expired: { fix: 'extend', words: 'Extend expiry' },
  'used-up': { fix: 'give-back', words: 'Give back a use' },
};

export function IneligiblePasses({ refusals, passes, timeZone, walkIn, compact = false, onFix }: Props) {
  const byId = new Map(passes.map((view) => [view.pass.id, view]));
  const remedies = remediesFor(refusals.flatMap((refusal) => refusal.reasons));
  return (
    <div className="ineligible">
      <ul className="ineligible__passes">
        {refusals.map(({ passId, reasons }) => {
          const view = byId.get(passId);
          const bought = view && timeZone && !compact ? ` (bought ${dateWords(venueDayOf(view.pass.purchasedAt, timeZone))})` : '';
          const words = reasons.map((reason) => reasonWords(reason, { expiresOn: view?.state.expiresOn ?? null, walkIn }));
          return (
            <li key={passId}>
              <span className="ineligible__pass">{view?.pass.productName ?? 'Pass'}{bought}</span>
              {': '}
              <span className="ineligible__reasons">{words.join('; ')}</span>
              {onFix && !compact && !reasons.includes('revoked') ? reasons.flatMap((reason) => {
                const fix = fixOf[reason];
                return fix ? [
                  <button
                    key={fix.fix}
                    type="button"
                    className="fix-button"
                    aria-label={`${fix.words}: ${view?.pass.productName ?? 'pass'}`}
                    onClick={() => onFix(passId, fix.fix)}
                  >
                    {fix.words}
                  </button>,
                ] : [];
              }) : null}
            </li>
          );
        })}
      </ul>
      {compact ? null : (
        <p className="ineligible__remedies">
          <span className="ineligible__remedies-title">What you can do:</span> {remedies.join(' · ')}
        </p>
      )}
    </div>
  );
}
