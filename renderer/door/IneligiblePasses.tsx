// Why no pass can be used, per pass, oldest first, with every reason that applies and what
// staff can do about it (SPEC "Which pass a check-in uses").
import type { PassView } from '../../shared/schema/api';
import type { IneligibilityReason } from '../../shared/rules/eligibility';
import type { PassFix } from '../../shared/rules/doorFixes';
import { fixesThatAdmit } from '../../shared/rules/doorFixes';
import { venueDayOf } from '../../shared/rules/venueTime';
import { useWords } from '../i18n/useWords';

type Props = {
  refusals: readonly { passId: string; reasons: IneligibilityReason[] }[];
  /** The customer's passes, for their names and dates. */
  passes: readonly PassView[];
  timeZone: string | null;
  walkIn: boolean;
  /** Before the key: reasons only. After it: purchase dates and what staff can do too. */
  compact?: boolean;
  /** The fixes as buttons, per pass, where they would let the customer in (shared/rules/doorFixes.ts). */
  onFix?: (passId: string, fix: PassFix) => void;
};

export type { PassFix };

export function IneligiblePasses({ refusals, passes, timeZone, walkIn, compact = false, onFix }: Props) {
  const byId = new Map(passes.map((view) => [view.pass.id, view]));
  const words = useWords();
  const { t } = words;
  const remedies = words.remediesFor(refusals);
  return (
    <div className="ineligible">
      <ul className="ineligible__passes">
        {refusals.map(({ passId, reasons }) => {
          const view = byId.get(passId);
          const bought = view && timeZone && !compact ? ` ${t('ineligible.bought', { date: words.dateWords(venueDayOf(view.pass.purchasedAt, timeZone)) })}` : '';
          const why = reasons.map((reason) => words.reasonWords(reason, { expiresOn: view?.state.expiresOn ?? null, walkIn }));
          return (
            <li key={passId}>
              <span className="ineligible__pass">{view?.pass.productName ?? t('ineligible.aPass')}{bought}</span>
              {': '}
              <span className="ineligible__reasons">{why.join('; ')}</span>
              {onFix && !compact ? fixesThatAdmit(reasons).map((fix) => (
                <button
                  key={fix}
                  type="button"
                  className="fix-button"
                  aria-label={t('ineligible.fixOf', { fix: t(`fixButton.${fix}`), pass: view?.pass.productName ?? t('result.aPass') })}
                  onClick={() => onFix(passId, fix)}
                >
                  {t(`fixButton.${fix}`)}
                </button>
              )) : null}
            </li>
          );
        })}
      </ul>
      {compact ? null : (
        <p className="ineligible__remedies">
          <span className="ineligible__remedies-title">{t('ineligible.whatYouCanDo')}</span> {remedies.join(' · ')}
        </p>
      )}
    </div>
  );
}
