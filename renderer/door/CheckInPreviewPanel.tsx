// What Enter will do for the selected customer, shown BEFORE the key is pressed (SPEC: "the
// door screen shows which pass will be used before the key is pressed, and says 'oldest pass
// first'"). Staff used to "soonest-expiring" see the rule spelled out here.
import { memo } from 'react';
import type { CheckInPreview, PassView } from '../../shared/schema/api';
import type { Customer } from '../../shared/schema/records';
import { expiryWords, usesLeftWords } from '../words';
import { IneligiblePasses } from './IneligiblePasses';

type Props = {
  customer: Customer;
  /** null while the preview is on its way. */
  preview: CheckInPreview | null;
  /** Why there is no preview (a refusal in people's words), or null. */
  problem: string | null;
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
  const why = passes.length > 1 ? 'oldest pass first' : 'their only pass';
  return (
    <>
      <p className="preview__action">
        <span className="preview__icon" aria-hidden="true">→</span>
        Will use: <strong>{view?.pass.productName ?? 'a pass'}</strong> <span className="preview__why">({why})</span>
      </p>
      <p className="preview__detail">
        {usesLeftWords(remaining)} now{after === null ? '' : `, ${usesLeftWords(after)} after`}
        {' — '}
        {expiresOn === null && firstUseOn === null && view?.pass.terms.expiry.kind === 'relative'
          ? 'no expiry date yet: the clock starts with this first use'
          : expiryWords(expiresOn)}
      </p>
    </>
  );
}

export const CheckInPreviewPanel = memo(function CheckInPreviewPanel({ customer, preview, problem, passes, timeZone, walkIn, onCheckIn, freshness = null }: Props) {
  return (
    <section className="preview" aria-label="What Enter will do" data-testid="check-in-preview">
      <div className="preview__head">
        <h2 className="preview__customer">{customer.name}</h2>
        <button type="button" className="preview__button" onMouseDown={(event) => event.preventDefault()} onClick={onCheckIn}>
          Check in <kbd>Enter</kbd>
        </button>
      </div>
      {preview === null ? (
        <p className="preview__detail">{problem ?? 'Looking up passes…'}</p>
      ) : (
        <>
          {preview.alreadyCheckedIn ? (
            <p className="preview__duplicate">
              <span aria-hidden="true">! </span>
              Already checked in {walkIn ? 'today' : 'to this session'} — Enter again to charge another use
            </p>
          ) : null}
          {preview.kind === 'attendance' ? (
            <p className="preview__action">
              <span className="preview__icon" aria-hidden="true">→</span>
              Attendance (booked): no use charged now
            </p>
          ) : preview.kind === 'redeem' ? (
            <RedeemPreview preview={preview} passes={passes} />
          ) : preview.kind === 'no-passes' ? (
            <>
              <p className="preview__action preview__action--refused">
                <span className="preview__icon" aria-hidden="true">✕</span>
                No pass: cannot check in
              </p>
              <p className="preview__detail">Sell a pass on the platform.</p>
            </>
          ) : (
            <>
              <p className="preview__action preview__action--refused">
                <span className="preview__icon" aria-hidden="true">✕</span>
                No pass can be used
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
