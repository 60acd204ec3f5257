// Issue 13, "Dates as the venue writes them": the fixed-date field reads a date the venue's way
// (day/month/year at a UK venue, month/day/year at a US one), from the locale's own pattern;
// a wrong entry says which format is expected; a date already gone asks for a confirmation.
import { describe, expect, it } from 'vitest';
import { enteredDateText, parseEnteredDate } from '../../../renderer/adjust/dateEntry';
import { consequenceOf } from '../../../renderer/adjust/passAdjustment';
import { passStateFromTally, tallyPass } from '../../../shared/rules/passState';
import type { Pass } from '../../../shared/schema/records';
import { wordsIn } from '../../../renderer/i18n/wordsIn';
import { spokenLanguage } from '../../../shared/i18n/deskLanguage';
import type { DeskLanguage } from '../../../shared/schema/deskLanguages';

/** How a desk speaking `language` at a venue of `venueLocale` takes a typed date (as the screen's words do). */
const dateEntryOf = (venueLocale: string, deskLanguage: string | null = null) => {
  const { language, locale } = spokenLanguage(venueLocale, deskLanguage);
  return wordsIn(language, locale).dateEntry();
};
const uk = dateEntryOf('en-GB');
const us = dateEntryOf('en-US');

describe('a date typed as the venue writes dates', () => {
  it.each<[string, string, string | null]>([
    ['en-GB', '07/01/2027', '2027-01-07'],
    ['en-GB', '7/1/2027', '2027-01-07'],
    ['en-GB', '31/12/2026', '2026-12-31'],
    ['en-GB', '12/31/2026', null],
    ['en-GB', '2027-01-07', null],
    ['en-GB', '30/02/2027', null],
    ['en-US', '07/01/2027', '2027-07-01'],
    ['en-US', '12/31/2026', '2026-12-31'],
    ['en-US', '31/12/2026', null],
  ])('%s: "%s" is %s', (locale, text, date) => {
    expect(parseEnteredDate(text, dateEntryOf(locale))).toBe(date);
  });

  it('says the expected format in people\'s words, with an example', () => {
    expect(uk).toMatchObject({ words: 'DD/MM/YYYY', example: '25/12/2026' });
    expect(us).toMatchObject({ words: 'MM/DD/YYYY', example: '12/25/2026' });
    expect(enteredDateText('2027-01-07', uk)).toBe('07/01/2027');
  });
});

describe('the fixed-date override typed at a UK venue', () => {
  const zone = 'Europe/London';
  const now = Date.parse('2026-12-07T12:00:00Z');
  const pass: Pass = {
    id: 'x', customerId: 'c', productId: 'p', productName: '10 classes', purchasedAt: '2026-11-01T10:00:00Z', code: '',
    terms: { uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' },
  };
  const tally = tallyPass(pass, [], []);
  const state = passStateFromTally(tally, zone, now);

  it('reads 07/01/2027 as the 7th of January', () => {
    expect(consequenceOf({ kind: 'fixed', date: '07/01/2027' }, tally, state, zone, now, uk))
      .toMatchObject({ kind: 'expiry', override: { kind: 'fixed', date: '2027-01-07' }, expiresAtOnce: false });
  });

  it('a wrong entry says which format is expected', () => {
    const outcome = consequenceOf({ kind: 'fixed', date: '2027-01-07' }, tally, state, zone, now, uk);
    expect(outcome.kind === 'refused' && wordsIn('en-GB').t(outcome.problem.id, outcome.problem.values)).toBe('Type the date as DD/MM/YYYY, for example 25/12/2026.');
  });

  it('a date in the past expires the pass at once, and says so', () => {
    expect(consequenceOf({ kind: 'fixed', date: '06/12/2026' }, tally, state, zone, now, uk))
      .toMatchObject({ kind: 'expiry', expiresAtOnce: true, after: { status: 'expired' } });
    // Today is not past: the pass is valid until the end of the day.
    expect(consequenceOf({ kind: 'fixed', date: '07/12/2026' }, tally, state, zone, now, uk)).toMatchObject({ expiresAtOnce: false });
  });
});

describe('date entry follows the desk\'s chosen language, not only the venue\'s locale', () => {
  const zone = 'Europe/London';
  const now = Date.parse('2026-12-07T12:00:00Z');
  const pass: Pass = {
    id: 'x', customerId: 'c', productId: 'p', productName: '10 classes', purchasedAt: '2026-11-01T10:00:00Z', code: '',
    terms: { uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' },
  };
  const tally = tallyPass(pass, [], []);
  const state = passStateFromTally(tally, zone, now);

  // A UK venue (en-GB) whose desk is set to another language: the pattern, its letters, the
  // example and the reading are that language's, and the two refusals say them in its words.
  it.each<[DeskLanguage, string, string, string, string, string]>([
    ['de', 'TT.MM.JJJJ', '7.1.2027', 'Geben Sie das neue Ablaufdatum als TT.MM.JJJJ ein.', 'Geben Sie das Datum als TT.MM.JJJJ ein, zum Beispiel 25.12.2026.', '07/01/2027'],
    ['fr', 'JJ/MM/AAAA', '07/01/2027', 'Saisissez la nouvelle date d’expiration au format JJ/MM/AAAA.', 'Saisissez la date au format JJ/MM/AAAA, par exemple 25/12/2026.', '2027-01-07'],
    ['es', 'DD/MM/AAAA', '7/1/2027', 'Escribe la nueva fecha de caducidad como DD/MM/AAAA.', 'Escribe la fecha como DD/MM/AAAA, por ejemplo 25/12/2026.', '2027-01-07'],
    ['nl', 'DD-MM-JJJJ', '7-1-2027', 'Typ de nieuwe vervaldatum als DD-MM-JJJJ.', 'Typ de datum als DD-MM-JJJJ, bijvoorbeeld 25-12-2026.', '07/01/2027'],
    ['en-US', 'MM/DD/YYYY', '1/7/2027', 'Type the new expiry date as MM/DD/YYYY.', 'Type the date as MM/DD/YYYY, for example 12/25/2026.', '2027-01-07'],
  ])('a UK venue\'s desk set to %s takes %s: "%s" is the 7th of January', (language, pattern, typed, prompt, refusal, wrong) => {
    const dates = dateEntryOf('en-GB', language);
    const words = wordsIn(language, dates.locale);
    expect(dates.words).toBe(pattern);
    expect(consequenceOf({ kind: 'fixed', date: typed }, tally, state, zone, now, dates))
      .toMatchObject({ kind: 'expiry', override: { kind: 'fixed', date: '2027-01-07' } });
    const empty = consequenceOf({ kind: 'fixed', date: '' }, tally, state, zone, now, dates);
    expect(empty.kind === 'refused' && words.t(empty.problem.id, empty.problem.values)).toBe(prompt);
    const refused = consequenceOf({ kind: 'fixed', date: wrong }, tally, state, zone, now, dates);
    expect(refused.kind === 'refused' && words.t(refused.problem.id, refused.problem.values)).toBe(refusal);
  });
});
