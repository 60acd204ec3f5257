// Putting a venue on the desk from the screen: the demo venue, or a venue file read from disk.
// Shared by the first screen and Setup; every refusal is shown whole (a file's every problem,
// by line and column).
import { useState } from 'react';
import type { DemoPractice, DeskClient } from '../../shared/schema/api';
import { refusalWords } from '../words';
import { countsWords } from './SetupNote';
import type { Note } from './SetupNote';

/** A venue file read, waiting for the person to confirm that it replaces the demo. */
export type Replacing = { fileName: string; text: string; venue: string; practice: DemoPractice };

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

  // A venue file that would replace the demo this desk holds waits for the person to confirm.
  const [replacing, setReplacing] = useState<Replacing | null>(null);

  const load = (fileName: string, text: string, replaceDemo: boolean) => {
    setLoading(`Importing ${fileName}…`);
    desk.loadVenueFile(replaceDemo ? { text, replaceDemo: true } : { text }).then(async (result) => {
      if (!result.ok && 'replacesDemo' in result) {
        const practice = await desk.demoPractice({});
        if (practice.ok) {
          setReplacing({ fileName, text, venue: result.replacesDemo.venue, practice: practice.practice });
          return;
        }
      }
      setReplacing(null);
      onChanged();
      const file = { name: fileName };
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

  const importFile = (file: File) => {
    setLoading(`Reading ${file.name}…`);
    setNote(null);
    setReplacing(null);
    file.text().then((text) => load(file.name, text, false), () => {
      setLoading(null);
      setNote({ tone: 'refused', words: `${file.name} could not be read.` });
    });
  };

  const replace = {
    pending: replacing,
    confirm: () => {
      if (replacing) load(replacing.fileName, replacing.text, true);
    },
    keep: () => {
      setReplacing(null);
      setNote({ tone: 'ok', words: 'The demo venue stays; nothing was imported.' });
    },
  };

  return { note, loading, openDemo, importFile, replace };
}
