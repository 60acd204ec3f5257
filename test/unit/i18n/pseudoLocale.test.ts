// The pseudo-locale keeps every message's working parts: placeholders, plurals and tags come
// through untouched, only the literal text is accented, longer and marked.
import { describe, expect, it } from 'vitest';
import { createIntl } from '@formatjs/intl';
import { pseudoMessage, pseudoMessages, pseudoText } from '../../../shared/i18n/pseudoLocale';
import { catalogs } from '../../../shared/i18n/catalogs';

describe('pseudo-locale en-XA', () => {
  it('accents, lengthens by about 35% and marks literal text; leaves spaces and punctuation alone', () => {
    expect(pseudoText('uses left')).toBe('⟦úsés léft~~~~⟧');
    expect(pseudoText(' · ')).toBe(' · ');
    expect(pseudoText(' now ')).toBe(' ⟦ñów~~⟧ ');
  });

  it('keeps placeholders, plurals and tags working', () => {
    const intl = createIntl({ locale: 'en-GB', messages: { m: pseudoMessage('{count, plural, one {# use left} other {# uses left}} for <b>{name}</b>') } });
    expect(intl.formatMessage({ id: 'm' }, { count: 3, name: 'Ada', b: (chunks) => `[${String(chunks)}]` })).toBe('3 ⟦úsés léft~~~~⟧ ⟦fór~~⟧ [Ada]');
  });

  it('has every English message, and no other', () => {
    expect(Object.keys(pseudoMessages()).sort()).toEqual(Object.keys(catalogs['en-GB']).sort());
  });
});
