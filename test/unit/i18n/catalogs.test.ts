// Every language speaks every message (issue 16): each catalog has exactly the keys of the
// English one (en-GB, the reference), each message the same placeholders, and every message
// is valid ICU; every message has a note for translators.
import { describe, expect, it } from 'vitest';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { catalogs, deskLanguages } from '../../../shared/i18n/catalogs';

const english = catalogs['en-GB'];

/** The placeholders and tags a message uses, by name (plural and select branches included). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
      if (element.type === TYPE.tag) walk(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe('the catalogs', () => {
  it.each([...deskLanguages])('%s has exactly the English keys', (language) => {
    expect(Object.keys(catalogs[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each([...deskLanguages])('%s: every message is valid ICU with the English placeholders, and has a note for translators', (language) => {
    for (const [id, entry] of Object.entries(catalogs[language])) {
      expect(() => parse(entry.message), `${language} ${id}`).not.toThrow();
      expect(placeholders(entry.message), `${language} ${id}`).toEqual(placeholders(english[id as keyof typeof english].message));
      expect(entry.description.trim().length, `${language} ${id} has a note for translators`).toBeGreaterThan(0);
    }
  });
});
