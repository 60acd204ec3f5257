// Putting a venue on the desk from the screen: the demo venue, or a venue file read from disk.
// Shared by the first screen and Setup; every refusal is shown whole (a file's every problem,
// by line and column).
import { useState } from 'react';
import type { DeskClient } from '../../shared/schema/api';
import { refusalWords } from '../words';
import { countsWords } from './SetupNote';
import type { Note } from './SetupNote';

export function useVenueChoices(desk: DeskClient, onChanged: () => void) {
  const [note, setNote] = useState<Note | null>(null);
  const [loading, setLoading] = useState<string | null>(null);

  const openDemo = () => {
    setLoading('Opening the demo venue…');
    setNote(null);
    desk.openDemoVenue({}).then((result) => {
      onChanged();
      setNote(result.ok
        ? { tone: 'ok', words: `Demo venue open: ${countsWords(result.counts)}.` }
        : { tone: 'refused', words: result.message ?? refusalWords(result.error), lines: result.message ? [] : result.issues ?? [] });
    }, () => setNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setLoading(null));
  };

  const importFile = (file: File) => {
    setLoading(`Reading ${file.name}…`);
    setNote(null);
    file.text().then((text) => {
      setLoading(`Importing ${file.name}…`);
      return desk.loadVenueFile({ text });
    }).then((result) => {
      onChanged();
      setNote(result.ok
        ? { tone: 'ok', words: `Imported ${file.name}: ${countsWords(result.counts)}.` }
        : {
          tone: 'refused',
          words: result.error !== 'invalid-input' ? refusalWords(result.error, result.message)
            : result.issues && result.issues.length > 0 ? `${file.name} was not imported; nothing changed. Fix these and import it again:`
              : `${file.name} was not imported; nothing changed. ${result.message ?? ''}`.trim(),
          lines: result.issues ?? [],
        });
    }, () => setNote({ tone: 'refused', words: refusalWords('internal') })).finally(() => setLoading(null));
  };

  return { note, loading, openDemo, importFile };
}
