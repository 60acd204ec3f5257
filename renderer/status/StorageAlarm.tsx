// Whether what the desk writes is being kept (DeskStatus.storageHealth, main/db/storageHealth.ts),
// said where staff look: a red strip over every screen while check-ins are NOT being saved (a
// full disk, or data the browser deleted), an item in the status bar, and a paragraph in Setup
// about whether the browser promised to keep the data at all. Until a write is saved again the
// strip stays: a door that goes on checking people in must know that none of it is kept.
import type { DeskStatus, StorageHealth } from '../../shared/schema/api';

type Problem = NonNullable<StorageHealth['problem']>;

export const storageProblemWords: Record<Problem, { headline: string; todo: string; short: string }> = {
  full: {
    headline: 'Check-ins are NOT being saved: the disk is full',
    todo: 'Free space on this computer (or ask IT to), then check the customer in again. This warning goes as soon as a check-in is saved.',
    short: 'Check-ins NOT being saved: the disk is full',
  },
  lost: {
    headline: 'Check-ins are NOT being saved: the browser deleted this desk’s saved data',
    todo: 'Leave this window open and call for help: the desk still shows what it knew, but nothing new is kept.',
    short: 'Check-ins NOT being saved: the saved data was deleted',
  },
};

export const notPersistentWords = {
  short: 'Saved data not guaranteed (see Setup)',
  setup: 'The browser has not promised to keep this desk’s saved data: it may delete it when the disk runs low.',
  todo: 'In Chrome or Edge, bookmark this page (Ctrl+D) and reload it. If this stays, ask IT to run the desk as the installed app.',
};

const persistentWords = 'The browser has promised to keep this desk’s saved data (persistent storage).';

/** The red strip between the header and the screen; an empty slot while all is well. */
export function StorageAlarm({ status }: { status: DeskStatus | null }) {
  const problem = status?.storageHealth.problem ?? null;
  return (
    <div className="storage-alarm-slot">
      {problem ? (
        <div className="storage-alarm" role="alert" data-testid="storage-alarm">
          <p className="storage-alarm__headline"><span aria-hidden="true">✕ </span>{storageProblemWords[problem].headline}</p>
          <p className="storage-alarm__todo">{storageProblemWords[problem].todo}</p>
        </div>
      ) : null}
    </div>
  );
}

/** The status bar's word on it: nothing while all is well. */
export function StorageStatusItem({ status }: { status: DeskStatus | null }) {
  const health = status?.storageHealth;
  if (!health) return null;
  if (health.problem) {
    return (
      <span className="status-bar__item status-bar__storage status-bar__storage--not-saved" data-testid="storage-status">
        <span aria-hidden="true">✕ </span>{storageProblemWords[health.problem].short}
      </span>
    );
  }
  if (health.persistent === false) {
    return (
      <span className="status-bar__item status-bar__item--shrink status-bar__storage" data-testid="storage-status" title={notPersistentWords.short}>
        <span aria-hidden="true">! </span>{notPersistentWords.short}
      </span>
    );
  }
  return null;
}

/** Setup's paragraph: is the data kept for good, and what to do when it is not. */
export function StorageKeepingSection({ status }: { status: DeskStatus | null }) {
  const health = status?.storageHealth ?? null;
  return (
    <section className="setup__section setup__section--keeping" aria-labelledby="setup-keeping" data-testid="storage-keeping">
      <h2 id="setup-keeping" className="section-title">Saving on this computer</h2>
      {health?.problem ? (
        <p className="setup__note setup__note--refused"><strong>{storageProblemWords[health.problem].headline}.</strong> {storageProblemWords[health.problem].todo}</p>
      ) : null}
      {health?.persistent === false ? (
        <p className="setup__note setup__note--refused"><strong>{notPersistentWords.setup}</strong> {notPersistentWords.todo}</p>
      ) : health?.persistent === true ? (
        <p className="setup__now">{persistentWords}</p>
      ) : (
        <p className="setup__now">Asking the browser whether it keeps this desk’s saved data…</p>
      )}
    </section>
  );
}
