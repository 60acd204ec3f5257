// What Enter will do for the selected customer, shown BEFORE the key is pressed (SPEC: "the
// door screen shows which pass will be used before the key is pressed, and says 'oldest pass
// first'"). Staff used to "soonest-expiring" see the rule spelled out here.
import { memo } from 'react';
import type { CheckInPreview, PassView } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { useWords } from '../i18n/useWords';
import type { Said } from './useDoorSearch';
import { IneligiblePasses } from './IneligiblePasses';

type Props = {
  customer: Customer;
  /** null while the preview is on its way. */
  preview: CheckInPreview | null;
  /** Why there is no preview (a refusal), or null. */
  problem: Said | null;
  passes: readonly PassView[];
  timeZone: string | null;
  walkIn: boolean;
  onCheckIn: () => void;
  /** How current this desk is, in words, when it has reached no endpoint for a while; null when current. */
  freshness?: string | null;
};

function RedeemPreview({ preview, passes }: { preview: Extract<CheckInPreview, { kind: 'redeem' }>; passes: readonly PassView[] }) {
  const view = passes.find((candidate) => candidate.pass.id === preview.passId);
  const { remaining, expiresOn, firstUseOn } = preview.state;
  const after = remaining === null ? null : remaining - 1;
  const words = useWords();
  const { t } = words;
  const why = passes.length > 1 ? t('preview.oldestFirst') : t('preview.onlyPass');
  return (
    <>
      <p className="preview__action">
        <span className="preview__icon" aria-hidden="true">→</span>
        {words.rich('preview.willUse', { pass: view?.pass.productName ?? t('preview.aPass'), why: <span className="preview__why">({why})</span> })}
      </p>
      <p className="preview__detail">
        {after === null ? t('preview.now', { now: words.usesLeftWords(remaining) }) : t('preview.nowAndAfter', { now: words.usesLeftWords(remaining), after: words.usesLeftWords(after) })}
        {' — '}
        {expiresOn === null && firstUseOn === null && view?.pass.terms.expiry.kind === 'relative'
          ? t('preview.clockStarts')
          : words.expiryWords(expiresOn)}
      </p>
    </>
  );
}

export const CheckInPreviewPanel = memo(function CheckInPreviewPanel({ customer, preview, problem, passes, timeZone, walkIn, onCheckIn, freshness = null }: Props) {
  const words = useWords();
  const { t } = words;
  return (
    <section className="preview" aria-label={t('preview.label')} data-testid="check-in-preview">
      <div className="preview__head">
        <h2 className="preview__customer">{customer.name}</h2>
        <button type="button" className="preview__button" onMouseDown={(event) => event.preventDefault()} onClick={onCheckIn}>
          {words.rich('preview.checkIn')}
        </button>
      </div>
      {preview === null ? (
        <p className="preview__detail">{problem ? words.refusalWords(problem.error, problem.note) : t('preview.lookingUp')}</p>
      ) : (
        <>
          {preview.alreadyCheckedIn ? (
            <p className="preview__duplicate">
              <span aria-hidden="true">! </span>
              {t('result.alreadyCheckedIn', { when: walkIn ? 'today' : 'session' })} — {t('result.enterAgain')}
            </p>
          ) : null}
          {preview.kind === 'attendance' ? (
            <p className="preview__action">
              <span className="preview__icon" aria-hidden="true">→</span>
              {t('preview.attendance')}
            </p>
          ) : preview.kind === 'redeem' ? (
            <RedeemPreview preview={preview} passes={passes} />
          ) : preview.kind === 'no-passes' ? (
            <>
              <p className="preview__action preview__action--refused">
                <span className="preview__icon" aria-hidden="true">✕</span>
                {t('preview.noPass')}
              </p>
              <p className="preview__detail">{t('result.sellAPass')}</p>
            </>
          ) : (
            <>
              <p className="preview__action preview__action--refused">
                <span className="preview__icon" aria-hidden="true">✕</span>
                {t('preview.noPassUsable')}
              </p>
              <IneligiblePasses refusals={preview.passes} passes={passes} timeZone={timeZone} walkIn={walkIn} compact />
            </>
          )}
        </>
      )}
      {freshness !== null ? <p className="preview__detail preview__freshness" data-testid="door-freshness-preview">{freshness}</p> : null}
    </section>
  );
});
