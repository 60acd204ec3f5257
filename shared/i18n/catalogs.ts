// The desk's languages and their catalogs. A catalog is one JSON file a language
// (./locales/<language>.json, Chrome's message format: a message and a note for translators
// each), with ICU messages: named placeholders, plurals and selects. English (en-GB) is the
// reference: every other catalog has exactly its keys (test/unit/i18n/catalogs.test.ts).
import type { DeskLanguage } from '../schema/deskLanguages';
import enGB from './locales/en-GB.json' with { type: 'json' };
import enUS from './locales/en-US.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };

export type CatalogEntry = { message: string; description: string };
export type Catalog = Record<MessageId, CatalogEntry>;
export type MessageId = keyof typeof enGB;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
/** Words to say, kept as their message and values until shown (then in the language of that moment). */
export type Saying = { id: MessageId; values?: MessageValues };

export { deskLanguages } from '../schema/deskLanguages';
export type { DeskLanguage } from '../schema/deskLanguages';

export const catalogs: Record<DeskLanguage, Catalog> = { 'en-GB': enGB, 'en-US': enUS, de, fr, es, nl };

/** A catalog as react-intl takes it: the message of each id. */
export function messagesOf(catalog: Record<string, CatalogEntry>): Record<string, string> {
  return Object.fromEntries(Object.entries(catalog).map(([id, entry]) => [id, entry.message]));
}
