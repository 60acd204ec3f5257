// The desk's endpoints in Setup, in words for staff and in the order the desk prefers them
// ("Venue hub (this building) — in use", "Internet server — standby"), each with its address
// and a button to remove it (main lets only an admin: shared/staff/leastRoles.ts).
import { useState } from 'react';
import type { DeskClient, SyncEndpointEntry } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import { NoteLine } from './SetupNote';
import type { Note } from './SetupNote';

type Props = { desk: DeskClient; endpoints: SyncEndpointEntry[]; onChanged: () => void };

export function EndpointList({ desk, endpoints, onChanged }: Props) {
  const words = useWords();
  const { t } = words;
  const [note, setNote] = useState<Note | null>(null);
  const remove = (which: SyncEndpointEntry['kind']) => {
    desk.unpairEndpoint({ which }).then((result) => {
      onChanged();
      setNote(result.ok ? { tone: 'ok', words: t('setup.endpoints.removed') } : { tone: 'refused', words: words.refusalWords(result.error, result.note), lines: result.issues ?? [] });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') }));
  };
  return (
    <>
      <ol className="setup__endpoints" aria-label={t('setup.endpoints.label')} data-testid="endpoint-list">
        {endpoints.map((entry) => (
          <li key={entry.kind} className="setup__endpoint" data-testid={`endpoint-${entry.kind}`}>
            <span className="setup__endpoint-words">
              {t(`setup.endpoints.${entry.kind}`)} — <strong>{t(entry.inUse ? 'setup.endpoints.inUse' : 'setup.endpoints.standby')}</strong>
            </span>
            <span className="setup__endpoint-address" title={entry.url}>{entry.url}</span>
            {endpoints.length > 1 ? (
              <button type="button" className="adjust__button" onClick={() => remove(entry.kind)}>{t('setup.endpoints.remove')}</button>
            ) : null}
          </li>
        ))}
      </ol>
      <NoteLine note={note} testId="endpoint-note" />
    </>
  );
}
