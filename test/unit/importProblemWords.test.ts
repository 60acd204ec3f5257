// Issue 16: the lines listing what is wrong with a venue file or a CSV, shown to staff after an
// import, are the desk's language: main sends each problem as a message of the one catalog and
// its values (shared/venue/importProblems.ts), never an English sentence; the endpoint's answers
// and the logs say the same message in English.
import { afterEach, describe, expect, it } from 'vitest';
import type { VenueData } from '../../shared/schema/records';
import { openTestDesk } from '../sync/syncTestbed';
import type { TestDesk } from '../sync/syncTestbed';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import type { ImportProblemLine } from '../../shared/venue/importProblems';
import { readCsvRecords } from '../../shared/venue/csvRecords';

const venue: VenueData = { venue: { id: 'v-de', timeZone: 'Europe/Berlin', name: 'Studio Mitte' }, products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] };

/** A venue file with a mistake of each kind the shape check finds. */
const broken = JSON.stringify({
  venue: venue.venue,
  customers: [{ id: 'c-new', name: '' }, { id: 'c-other' }],
  products: [{ id: 'p', name: 'Zehnerkarte', uses: 2.5, expiry: { kind: 'weekly' }, validFor: 'everything', colour: 'blue' }],
  passes: [{ id: 'x-new', customerId: 'c-new', productId: 'p', purchasedAt: 'yesterday' }],
}, null, 2);

/** Words of the English catalog that must not be left in another language's line. */
const english = /\b(line|column|must|not|missing|required|field|unknown|empty|number|list|customer|import|first)\b/;

let opened: TestDesk | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

describe('the problems of a venue file not imported', () => {
  it('main answers codes and values; the desk says them in German, with no English word left', async () => {
    opened = await openTestDesk({ deskId: 'problems-de', venue });
    const refused = await opened.desk.call('loadVenueFile', { text: broken });
    expect(refused).toMatchObject({ ok: false, error: 'invalid-input' });
    const problems: ImportProblemLine[] = refused.ok ? [] : refused.problems ?? [];
    expect(problems.length).toBeGreaterThanOrEqual(6);
    // No sentence from main: each problem is a message id and its values.
    expect(refused).not.toHaveProperty('issues');
    for (const line of problems) expect(line.problem.id).toMatch(/^importProblem\./);

    const german = problems.map(wordsIn('de').importProblemLine);
    expect(german).toContain('Zeile 10, Spalte 7, customers[0].name: darf nicht leer sein, nicht leerer Text ""');
    expect(german).toContain('Zeile 12, Spalte 5, customers[1].name: das Pflichtfeld "name" fehlt');
    expect(german.some((line) => /products\[0\]\.uses: muss eine ganze Zahl sein, nicht die Zahl 2\.5$/.test(line))).toBe(true);
    expect(german.some((line) => /products\[0\]\.colour: unbekanntes Feld "colour"/.test(line))).toBe(true);
    expect(german.some((line) => /passes\[0\]\.purchasedAt: muss ein Zeitpunkt nach ISO 8601/.test(line))).toBe(true);
    for (const line of german) expect(line.replace(/^Zeile \d+, Spalte \d+, [\w[\].]+: /, '').replace(/"[^"]*"/g, '')).not.toMatch(english);

    // The same problems in English, word for word as the endpoint says them.
    expect(problems.map(wordsIn('en-GB').importProblemLine)).toContain('line 10, column 7, customers[0].name: must not be empty, not empty text ""');
    for (const language of ['fr', 'es', 'nl'] as const) {
      for (const line of problems.map(wordsIn(language).importProblemLine)) expect(line).not.toMatch(/\bmust\b|\bline \d/);
    }
  });

  it('a CSV: the endpoint\'s problems in English, the desk\'s in its language, from one message', () => {
    const read = readCsvRecords('id,name,uses,expiry,validFor\np1,Zehnerkarte,ten,weekly,all\n', 'products');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((problem) => problem.message)).toEqual([
      '"ten" is not a whole number of uses (leave it empty for unlimited)',
      '"weekly" is not an expiry: write none, a number of days from first use ("30 days"), or a date (2026-03-31)',
    ]);
    const german = read.problems.map((problem) => wordsIn('de').importProblemLine({ line: problem.line!, place: problem.field!, problem: problem.problem }));
    expect(german).toEqual([
      'Zeile 2, uses: "ten" ist keine ganze Zahl an Nutzungen (leer lassen für unbegrenzt)',
      'Zeile 2, expiry: "weekly" ist kein Ablauf: schreiben Sie none, eine Anzahl Tage ab der ersten Nutzung ("30 days") oder ein Datum (2026-03-31)',
    ]);
  });
});
