// What the desk says when it cannot start (Electron's dialog, drawn by main before any page
// exists): in the desk's language, from the one catalog (shared/i18n), as the screens say it.
// The desk's own choice is read from desk.json; nothing else is known yet (the venue's locale
// lives in the database that did not open), so a desk without a choice speaks en-GB.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deskLanguageSchema } from '../shared/schema/deskLanguages';
import type { DeskLanguageChoice } from '../shared/schema/deskLanguages';
import type { MessageId } from '../shared/i18n/catalogs';
import { intlOfDesk } from '../shared/i18n/wordsOfDesk';
import type { ImportProblemLine } from '../shared/venue/importProblems';
import { sayProblemLine } from '../shared/venue/importProblems';

export type StartFailure =
  /** The venue file named at launch is refused, with each of its problems. */
  | { kind: 'venue-file'; file: string; problems: ImportProblemLine[] }
  /** Anything else: what went wrong, for the venue's IT person (English, like the logs). */
  | { kind: 'error'; detail: string };

/** The desk's language choice kept in its data folder (desk.json), or null: none, or unreadable. */
export async function deskLanguageOnDisk(dataDir: string): Promise<DeskLanguageChoice | null> {
  try {
    const kept = JSON.parse(await readFile(join(dataDir, 'desk.json'), 'utf8')) as { language?: unknown };
    const language = deskLanguageSchema.safeParse(kept.language);
    return language.success ? language.data : null;
  } catch {
    return null;
  }
}

/** The dialog's title and text. */
export function startFailureWords(failure: StartFailure, language: DeskLanguageChoice | null): { title: string; text: string } {
  const intl = intlOfDesk(language);
  const say = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const reason = failure.kind === 'venue-file'
    ? [say('startFailure.notVenueFile', { file: failure.file }), ...failure.problems.map((line) => sayProblemLine(intl, line))].join('\n')
    : `${say('startFailure.details')}\n${failure.detail}`;
  return { title: say('app.title'), text: `${say('startFailure.couldNotStart')}\n\n${reason}` };
}
