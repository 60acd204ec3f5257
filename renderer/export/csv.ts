// CSV as spreadsheets read it (RFC 4180): every row ends in CRLF, a cell with a quote, a
// comma or a line break is quoted and its quotes doubled. Pure, so the attendance and the
// history exports are built and tested the same way.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return, which some read past) as a formula, so a customer named "=HYPERLINK(...)" could act
// on the manager's machine. Such text cells get a leading apostrophe, which spreadsheets show
// as text. Numbers are never formulas, so -1 (an overdrawn pass) stays a number.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as one CSV text. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A file name from free text: "Yoga flow 18:30" → "yoga-flow-18-30". */
export function fileNamePart(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
}
