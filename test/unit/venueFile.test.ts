// A venue file in: a good file comes back resolved; a file with a mistake comes back as the
// list of mistakes, each at its line, column and field, and nothing of the data.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVenueFileErrors, parseVenueFileText, readVenueFile } from '../../main/venue/readVenueFile';
import type { VenueFileProblem } from '../../main/venue/readVenueFile';
import { MAX_VENUE_FILE_ERRORS, resolveVenueFile } from '../../shared/venue/resolveVenueFile';

type VenueFileDraft = Record<string, unknown> & {
  venue: Record<string, unknown>;
  products: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  passes: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  bookings: Record<string, unknown>[];
  ledger: Record<string, unknown>[];
};

/** A small, good venue file; each row below breaks one thing in it. */
function goodVenue(): VenueFileDraft {
  return {
    venue: { id: 'v1', timeZone: 'Europe/London' },
    products: [
      { id: 'p10', name: '10-class pass', uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' },
      { id: 'p-yoga', name: 'Yoga term', uses: null, expiry: { kind: 'fixed', date: '2026-06-30' }, validFor: ['yoga'] },
    ],
    customers: [
      { id: 'c1', name: 'José Núñez', email: 'jose.nunez@example.com' },
      { id: 'c2', name: "Zoë O'Brien" },
    ],
    passes: [
      { id: 'x1', customerId: 'c1', productId: 'p10', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001' },
      { id: 'x2', customerId: 'c2', productId: 'p-yoga', purchasedAt: '2026-01-06T10:00:00+01:00' },
      {
        id: 'x3', customerId: 'c2', productId: 'p10', purchasedAt: '2025-06-01T09:00:00Z', code: 'PASS-0003',
        terms: { uses: 12, expiry: { kind: 'none' }, validFor: 'all' },
      },
    ],
    sessions: [
      { id: 's1', name: 'Morning yoga', category: 'yoga', startsAt: '2026-02-01T08:00:00Z', endsAt: '2026-02-01T09:00:00Z' },
    ],
    bookings: [
      { id: 'b1', sessionId: 's1', customerId: 'c2', passId: 'x2', bookedAt: '2026-01-20T09:00:00Z' },
    ],
    ledger: [
      {
        id: 'l1', venueId: 'v1', kind: 'check-in', passId: 'x1', customerId: 'c1', sessionId: 's1', deskId: 'desk-1',
        staff: 'Maya', reason: '', at: '2026-02-01T07:55:00Z', hlc: '001769932500000:000000:desk-1',
        charged: true, bookingId: '', venueDay: '2026-02-01',
      },
    ],
  };
}

const asText = (file: unknown) => JSON.stringify(file, null, 2);

/** 1-based line and column of the first occurrence of `snippet` in `text`. */
function placeOf(text: string, snippet: string): { line: number; column: number } {
  const offset = text.indexOf(snippet);
  if (offset < 0) throw new Error(`test bug: ${snippet} is not in the file`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('a good venue file', () => {
  it('comes back with every pass resolved against its product', () => {
    const result = parseVenueFileText(asText(goodVenue()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [x1, x2, x3] = result.data.passes;
    expect(x1).toEqual({
      id: 'x1', customerId: 'c1', productId: 'p10', productName: '10-class pass', purchasedAt: '2026-01-05T10:00:00Z',
      code: 'PASS-0001', terms: { uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' },
    });
    // A pass without a code gets ''; the terms are the product's snapshot.
    expect(x2).toMatchObject({ code: '', productName: 'Yoga term', terms: { uses: null, expiry: { kind: 'fixed', date: '2026-06-30' }, validFor: ['yoga'] } });
    // A pass sold before the product changed keeps its own terms.
    expect(x3!.terms).toEqual({ uses: 12, expiry: { kind: 'none' }, validFor: 'all' });
    expect(result.data.ledger).toHaveLength(1);
    expect(result.data.customers.map((customer) => customer.name)).toEqual(['José Núñez', "Zoë O'Brien"]);
  });

  it('may leave optional arrays out and carry fields of its own, such as a scenario name and steps', () => {
    const result = parseVenueFileText(asText({ name: 'a scenario', steps: [], venue: { id: 'v1', timeZone: 'Europe/London' } }));
    expect(result).toEqual({
      ok: true,
      data: { venue: { id: 'v1', timeZone: 'Europe/London' }, products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] },
    });
  });

  it('may start with a byte order mark, as editors on Windows save it', () => {
    expect(parseVenueFileText(`\uFEFF${asText(goodVenue())}`).ok).toBe(true);
  });
});

type SyntaxRow = { mistake: string; text: string; line: number; column: number; message: RegExp };

describe('a file that is not valid JSON is refused at the first mistake', () => {
  const rows: SyntaxRow[] = [
    { mistake: 'a trailing comma', text: '{\n  "venue": {"id": "v1", "timeZone": "Europe/London"},\n  "customers": [\n    {"id": "c1", "name": "Ada"},\n  ]\n}', line: 4, column: 32, message: /comma before "]" is not allowed/ },
    { mistake: 'a missing comma between fields', text: '{\n  "venue": {\n    "id": "v1"\n    "timeZone": "Europe/London"\n  }\n}', line: 4, column: 5, message: /comma is missing/ },
    { mistake: 'a comment', text: '{\n  // the venue\n  "venue": {"id": "v1", "timeZone": "Europe/London"}\n}', line: 2, column: 3, message: /comments are not allowed/ },
    { mistake: 'single quotes', text: "{\n  'venue': {}\n}", line: 2, column: 3, message: /double quotes/ },
    { mistake: 'a file cut short', text: '{\n  "venue": {"id": "v1", "timeZone": "Europe/London"},\n  "customers": [\n    {"id": "c1"', line: 4, column: 16, message: /not closed/ },
    { mistake: 'two commas in a row', text: '{\n  "venue": {"id": "v1",, "timeZone": "Europe/London"}\n}', line: 2, column: 23, message: /two commas in a row/ },
    { mistake: 'an unquoted field name', text: '{\n  venue: {}\n}', line: 2, column: 3, message: /must be in double quotes/ },
    { mistake: 'a line break inside text', text: '{\n  "venue": {"id": "v\n1"}\n}', line: 2, column: 19, message: /no closing double quote/ },
    { mistake: 'something after the end', text: '{"venue": {"id": "v1", "timeZone": "Europe/London"}}\n}', line: 2, column: 1, message: /should end here/ },
  ];

  it.each(rows)('$mistake: line $line, column $column', ({ text, line, column, message }) => {
    const result = parseVenueFileText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line, column });
    expect(result.errors[0]!.message).toMatch(message);
    expect('data' in result).toBe(false);
  });

  it('an empty file says so', () => {
    const result = parseVenueFileText('  \n', 'venue.json');
    expect(result).toMatchObject({ ok: false, errors: [{ line: 0, column: 0, path: '', message: expect.stringMatching(/venue\.json is empty/) }] });
  });
});

type DataRow = {
  mistake: string;
  edit: (file: VenueFileDraft) => void;
  path: string;
  /** The text the mistake is placed at: the field's name, or the object a missing field belongs in. */
  at: string;
  /** Which occurrence of `at`, when the same text appears earlier in the file. */
  after?: string;
  message: RegExp;
};

describe('a file with a mistake in its data is refused whole, with the line and field at fault', () => {
  const rows: DataRow[] = [
    { mistake: 'a missing field', edit: (f) => delete f.customers[1]!.name, path: 'customers[1].name', at: '{\n      "id": "c2"', message: /required field "name" is missing/ },
    { mistake: 'a number where text belongs', edit: (f) => (f.customers[0]!.name = 42), path: 'customers[0].name', at: '"name": 42', message: /must be text in double quotes, not the number 42/ },
    { mistake: 'text where a number belongs', edit: (f) => (f.products[0]!.uses = 'ten'), path: 'products[0].uses', at: '"uses": "ten"', message: /must be a number, not "ten"/ },
    { mistake: 'a fraction of a use', edit: (f) => (f.products[0]!.uses = 2.5), path: 'products[0].uses', at: '"uses": 2.5', message: /whole number/ },
    { mistake: 'an unknown expiry kind', edit: (f) => (f.products[0]!.expiry = { kind: 'weekly' }), path: 'products[0].expiry.kind', at: '"kind": "weekly"', message: /must be one of "none", "fixed", "relative", not "weekly"/ },
    { mistake: 'validFor neither "all" nor a list', edit: (f) => (f.products[0]!.validFor = 'everything'), path: 'products[0].validFor', at: '"validFor": "everything"', message: /must be "all" or a list/ },
    { mistake: 'a misspelt field', edit: (f) => (f.products[1]!.colour = 'blue'), path: 'products[1].colour', at: '"colour"', message: /unknown field "colour"/ },
    { mistake: 'an instant without a zone', edit: (f) => (f.passes[0]!.purchasedAt = '2026-01-05T10:00:00'), path: 'passes[0].purchasedAt', at: '"purchasedAt": "2026-01-05T10:00:00"', message: /offset or Z/ },
    { mistake: 'an impossible date', edit: (f) => (f.products[1]!.expiry = { kind: 'fixed', date: '2026-02-30' }), path: 'products[1].expiry.date', at: '"date": "2026-02-30"', message: /calendar date/ },
    { mistake: 'an unknown time zone', edit: (f) => (f.venue.timeZone = 'Europe/Londres'), path: 'venue.timeZone', at: '"timeZone"', message: /IANA time zone/ },
    { mistake: 'a list that is not a list', edit: (f) => ((f as Record<string, unknown>).sessions = {}), path: 'sessions', at: '"sessions"', message: /must be a list/ },
    { mistake: 'an unknown product', edit: (f) => (f.passes[1]!.productId = 'p9'), path: 'passes[1].productId', at: '"productId": "p9"', message: /^no product with id "p9"$/ },
    { mistake: 'an unknown customer of a pass', edit: (f) => (f.passes[2]!.customerId = 'c9'), path: 'passes[2].customerId', at: '"customerId": "c9"', message: /^no customer with id "c9"$/ },
    { mistake: 'a customer id used twice', edit: (f) => f.customers.push({ id: 'c1', name: 'Ana-María Pérez' }), path: 'customers[2].id', at: '"id": "c1"', after: '"name": "José Núñez"', message: /used twice in customers: customers\[0\] has it too/ },
    { mistake: 'a pass code used twice, in another case', edit: (f) => (f.passes[2]!.code = 'pass-0001'), path: 'passes[2].code', at: '"code": "pass-0001"', message: /also the code of pass "x1"/ },
    { mistake: 'a session that ends before it starts', edit: (f) => (f.sessions[0]!.endsAt = '2026-02-01T07:00:00Z'), path: 'sessions[0].endsAt', at: '"endsAt"', message: /ends .* before it starts/ },
    { mistake: 'a booking of an unknown session', edit: (f) => (f.bookings[0]!.sessionId = 's9'), path: 'bookings[0].sessionId', at: '"sessionId": "s9"', message: /no session with id "s9"/ },
    { mistake: 'a booking paid with a pass of another customer', edit: (f) => (f.bookings[0]!.passId = 'x1'), path: 'bookings[0].passId', at: '"passId": "x1"', after: '"bookings"', message: /pass "x1" belongs to customer "c1", not to "c2"/ },
    { mistake: 'a booking paid with an unknown pass', edit: (f) => (f.bookings[0]!.passId = 'x9'), path: 'bookings[0].passId', at: '"passId": "x9"', message: /no pass with id "x9"/ },
    { mistake: 'a ledger entry of another venue', edit: (f) => (f.ledger[0]!.venueId = 'v2'), path: 'ledger[0].venueId', at: '"venueId": "v2"', message: /of venue "v2", but the file is for venue "v1"/ },
    { mistake: 'a ledger entry of an unknown pass', edit: (f) => (f.ledger[0]!.passId = 'x9'), path: 'ledger[0].passId', at: '"passId": "x9"', message: /no pass with id "x9"/ },
    { mistake: 'a ledger entry of an unknown customer', edit: (f) => (f.ledger[0]!.customerId = 'c9'), path: 'ledger[0].customerId', at: '"customerId": "c9"', message: /no customer with id "c9"/ },
    { mistake: 'a charged check-in without its pass', edit: (f) => (f.ledger[0]!.passId = ''), path: 'ledger[0].passId', at: '"passId": ""', message: /charged check-in must name its pass/ },
    { mistake: 'a malformed clock stamp', edit: (f) => (f.ledger[0]!.hlc = 'yesterday'), path: 'ledger[0].hlc', at: '"hlc"', message: /hybrid logical clock/ },
  ];

  it.each(rows)('$mistake: $path', ({ edit, path, at, after, message }) => {
    const file = goodVenue();
    edit(file);
    const text = asText(file);
    const result = parseVenueFileText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect('data' in result).toBe(false);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors as [VenueFileProblem];
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    const from = after ? text.indexOf(after) : 0;
    expect(error).toMatchObject(placeOf(text.slice(0, from) + text.slice(from).replace(at, '\u0000'), '\u0000'));
  });

  it('reports every mistake at once, in file order', () => {
    const file = goodVenue();
    file.passes[0]!.productId = 'p9';
    file.passes[2]!.customerId = 'c9';
    file.ledger[0]!.venueId = 'v2';
    const result = resolveVenueFile(file);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: ['passes', 0, 'productId'], message: 'no product with id "p9"' },
        { path: ['passes', 2, 'customerId'], message: 'no customer with id "c9"' },
        { path: ['ledger', 0, 'venueId'], message: expect.stringContaining('of venue "v2"') },
      ],
    });
  });

  it(`lists at most ${MAX_VENUE_FILE_ERRORS} mistakes and says how many more there are`, () => {
    const file = goodVenue();
    file.passes = Array.from({ length: 80 }, (_, index) => ({ id: `x${index}`, customerId: 'c1', productId: 'p9', purchasedAt: '2026-01-05T10:00:00Z' }));
    file.bookings = [];
    file.ledger = [];
    const result = resolveVenueFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(MAX_VENUE_FILE_ERRORS + 1);
    expect(result.errors[MAX_VENUE_FILE_ERRORS]).toMatchObject({ path: ['passes', 50, 'productId'], message: expect.stringMatching(/^30 more mistakes from here on not listed/) });
  });

  it('a file that is a list, not an object, is refused at line 1', () => {
    expect(parseVenueFileText('[\n  {}\n]')).toMatchObject({ ok: false, errors: [{ line: 1, column: 1, path: '', message: 'must be an object { … }, not a list' }] });
  });
});

describe('mistakes for people', () => {
  it('reads file:line:column field: message', () => {
    const errors: VenueFileProblem[] = [
      { line: 12, column: 5, path: 'passes[3].productId', message: 'no product with id "p9"', problem: { id: 'importProblem.noRecord', values: { kind: 'product', id: '"p9"' } } },
      { line: 1, column: 1, path: '', message: 'must be an object { … }, not a list', problem: { id: 'importProblem.inCheckerWords', values: { text: 'must be an object { … }, not a list' } } },
      { line: 0, column: 0, path: '', message: 'no file at /tmp/nothing.json', problem: { id: 'importProblem.noFile', values: { path: '/tmp/nothing.json' } } },
    ];
    expect(formatVenueFileErrors(errors, 'venue.json')).toEqual([
      'venue.json:12:5 passes[3].productId: no product with id "p9"',
      'venue.json:1:1 must be an object { … }, not a list',
      'venue.json: no file at /tmp/nothing.json',
    ]);
  });
});

describe('reading a venue file from disk', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'venue-file-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a good UTF-8 file', async () => {
    const path = join(folder, 'good.json');
    await writeFile(path, asText(goodVenue()), 'utf8');
    const result = await readVenueFile(path);
    expect(result.ok && result.data.customers[0]!.name).toBe('José Núñez');
  });

  it.each([
    { problem: 'a missing file', name: 'missing.json', bytes: null, message: /no file at .*missing\.json/ },
    { problem: 'a folder', name: 'folder.json', bytes: 'folder', message: /is a folder, not a venue file/ },
    { problem: 'a UTF-16 file', name: 'utf16.json', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"venue": {}}', 'utf16le')]), message: /saved as UTF-16; save it as UTF-8/ },
  ] as const)('refuses $problem with a clear message', async ({ name, bytes, message }) => {
    const path = join(folder, name);
    if (bytes === 'folder') await mkdir(path);
    else if (bytes) await writeFile(path, bytes);
    const result = await readVenueFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(message);
  });

  it('refuses a Latin-1 file at the first byte that is not UTF-8', async () => {
    const path = join(folder, 'latin1.json');
    await writeFile(path, Buffer.from('{\n  "customers": [{"id": "c1", "name": "Jos\u00e9"}]\n}', 'latin1'));
    const result = await readVenueFile(path);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2, column: 42, path: '', message: expect.stringMatching(/not UTF-8/) }] });
  });
});
