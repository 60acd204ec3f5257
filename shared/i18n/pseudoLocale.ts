// The pseudo-locale en-XA (issue 16 item 4): English (en-GB) made accented, about 35% longer
// and marked ⟦ … ⟧ around every piece of text it holds, built when it is asked for from the
// English catalog (never a checked-in catalog). A word on screen without the marks did not come
// from a catalog (test/e2e/pseudoLocaleWalk.spec.ts); a box too narrow for a longer language
// shows at once. Placeholders, plurals, selects and tags are kept as they are: only the
// literal text inside them changes.
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { catalogs } from './catalogs';

export const pseudoOpen = '⟦';
export const pseudoClose = '⟧';

const accents: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', c: 'ç', n: 'ñ',
  A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', C: 'Ç', N: 'Ñ',
};

/** One piece of literal text: accented, a third longer, marked; spaces and punctuation alone stay. */
export function pseudoText(text: string): string {
  if (!/\p{L}/u.test(text)) return text;
  const accented = [...text].map((letter) => accents[letter] ?? letter).join('');
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(accented) ?? [];
  const padding = '~'.repeat(Math.ceil(core.length * 0.35));
  return `${lead}${pseudoOpen}${core}${padding}${pseudoClose}${trail}`;
}

function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element): MessageFormatElement => {
    if (element.type === TYPE.literal) return { ...element, value: pseudoText(element.value) };
    if (element.type === TYPE.tag) return { ...element, children: pseudoElements(element.children) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: pseudoElements(option.value) }]));
      return { ...element, options } as MessageFormatElement;
    }
    return element;
  });
}

/** One ICU message in the pseudo-locale, as react-intl takes it (its parsed form). */
export function pseudoMessage(message: string): MessageFormatElement[] {
  return pseudoElements(parse(message));
}

let built: Record<string, MessageFormatElement[]> | null = null;

/** Every English message in the pseudo-locale, built once on first use. */
export function pseudoMessages(): Record<string, MessageFormatElement[]> {
  built ??= Object.fromEntries(Object.entries(catalogs['en-GB']).map(([id, entry]) => [id, pseudoMessage(entry.message)]));
  return built;
}
