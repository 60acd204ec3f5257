// Whether what the desk writes is being kept (DeskStatus.storageHealth, main/db/storageHealth.ts),
// said where staff look: a red strip over every screen while check-ins are NOT being saved (a
// full disk, or data the browser deleted), an item in the status bar, and a paragraph in Setup
// about whether the browser promised to keep the data at all. Until a write is saved again the
// strip stays: a door that goes on checking people in must know that none of it is kept.
import type { DeskStatus } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';

/** A problem's words are `storage.<problem>.headline`, `.todo` and `.short` in the catalogs. */

/** The red strip between the header and the screen; an empty slot while all is well. */
export function StorageAlarm({ status }: { status: DeskStatus | null }) {
  const problem = status?.storageHealth.problem ?? null;
  const { t } = useWords();
  return (
    <div className="storage-alarm-slot">
      {problem ? (
        <div className="storage-alarm" role="alert" data-testid="storage-alarm">
          <p className="storage-alarm__headline"><span aria-hidden="true">✕ </span>{t(`storage.${problem}.headline`)}</p>
          <p className="storage-alarm__todo">{t(`storage.${problem}.todo`)}</p>
        </div>
      ) : null}
    </div>
  );
}

/** The status bar's word on it: nothing while all is well. */
export function StorageStatusItem({ status }: { status: DeskStatus | null }) {
  const health = status?.storageHealth;
  const { t } = useWords();
  if (!health) return null;
  if (health.problem) {
    return (
      <span className="status-bar__item status-bar__storage status-bar__storage--not-saved" data-testid="storage-status">
        <span aria-hidden="true">✕ </span>{t(`storage.${health.problem}.short`)}
      </span>
    );
  }
  if (health.persistent === false) {
    return (
      // A saving problem is never cut short nor gives way (./fitStatusBar.ts).
      <span className="status-bar__item status-bar__storage" data-testid="storage-status">
        <span aria-hidden="true">! </span>{t('storage.notPersistent.short')}
      </span>
    );
  }
  return null;
}

/** Setup's paragraph: is the data kept for good, and what to do when it is not. */
export function StorageKeepingSection({ status }: { status: DeskStatus | null }) {
  const health = status?.storageHealth ?? null;
  const { t } = useWords();
  return (
    <section className="setup__section setup__section--keeping" aria-labelledby="setup-keeping" data-testid="storage-keeping">
      <h2 id="setup-keeping" className="section-title">{t('storage.section')}</h2>
      {health?.problem ? (
        <p className="setup__note setup__note--refused"><strong>{t(`storage.${health.problem}.headline`)}.</strong> {t(`storage.${health.problem}.todo`)}</p>
      ) : null}
      {health?.persistent === false ? (
        <p className="setup__note setup__note--refused"><strong>{t('storage.notPersistent.setup')}</strong> {t('storage.notPersistent.todo')}</p>
      ) : health?.persistent === true ? (
        <p className="setup__now">{t('storage.persistent')}</p>
      ) : (
        <p className="setup__now">{t('storage.asking')}</p>
      )}
    </section>
  );
}
