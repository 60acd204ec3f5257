// Putting a venue on the desk from the screen: the demo venue, or a venue file read from disk.
// Shared by the first screen and Setup; every refusal is shown whole (a file's every problem,
// by line and column).
import { useState } from 'react';
import type { DemoPractice, DeskClient } from '../../shared/schema/api';
import { useWords } from '../i18n/useWords';
import type { Saying } from '../../shared/i18n/catalogs';
import { countsWords } from './SetupNote';
import type { Note } from './SetupNote';

/** A venue file read, waiting for the person to confirm that it replaces the demo. */
export type Replacing = { fileName: string; text: string; venue: string; practice: DemoPractice };

export function useVenueChoices(desk: DeskClient, onChanged: () => void) {
  const [note, setNote] = useState<Note | null>(null);
  const [loading, setLoading] = useState<Saying | null>(null);
  const words = useWords();
  const { t } = words;

  const openDemo = () => {
    setLoading({ id: 'venue.openingDemo' });
    setNote(null);
    desk.openDemoVenue({}).then((result) => {
      onChanged();
      setNote(result.ok
        ? { tone: 'ok', words: t('venue.demoOpen', { counts: countsWords(words, result.counts) }) }
        : { tone: 'refused', words: words.refusalWords(result.error, result.note), lines: result.note ? [] : result.issues ?? [] });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setLoading(null));
  };

  // A venue file that would replace the demo this desk holds waits for the person to confirm.
  const [replacing, setReplacing] = useState<Replacing | null>(null);

  const load = (fileName: string, text: string, replaceDemo: boolean) => {
    setLoading({ id: 'venue.importing', values: { file: fileName } });
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
        ? { tone: 'ok', words: t('venue.imported', { file: file.name, counts: countsWords(words, result.counts) }) }
        : {
          tone: 'refused',
          words: result.error !== 'invalid-input' ? words.refusalWords(result.error, result.note)
            : result.problems && result.problems.length > 0 ? t('venue.fixThese', { file: file.name })
              : `${t('venue.notImported', { file: file.name })} ${result.note ? words.noteWords(result.note) : ''}`.trim(),
          // Each problem in the desk's language, from the catalog (main sends codes and values).
          lines: result.problems?.map(words.importProblemLine) ?? [],
        });
    }, () => setNote({ tone: 'refused', words: words.refusalWords('internal') })).finally(() => setLoading(null));
  };

  const importFile = (file: File) => {
    setLoading({ id: 'venue.reading', values: { file: file.name } });
    setNote(null);
    setReplacing(null);
    file.text().then((text) => load(file.name, text, false), () => {
      setLoading(null);
      setNote({ tone: 'refused', words: t('venue.unreadable', { file: file.name }) });
    });
  };

  const replace = {
    pending: replacing,
    confirm: () => {
      if (replacing) load(replacing.fileName, replacing.text, true);
    },
    keep: () => {
      setReplacing(null);
      setNote({ tone: 'ok', words: t('venue.demoStays') });
    },
  };

  return { note, loading, openDemo, importFile, replace };
}
