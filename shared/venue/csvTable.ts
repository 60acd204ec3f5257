// A CSV file as rows of named fields (the endpoint's and the desk's import read it the same way), each with its line number, so that a mistake is reported
// where the venue's IT person will look for it: "line 12, field email". The first line names
// the columns, in any order; quoting follows RFC 4180 (a comma inside a name is quoted).
import { parse } from 'csv-parse/sync';
import type { SyncProblem } from '../schema/syncContract';

/** The most problems one refusal lists (as the endpoint's, server/sync/documentProblems.ts). */
export const MAX_PROBLEMS = 50;

export type CsvRow = { line: number; fields: Record<string, string> };
export type CsvColumns = { required: readonly string[]; optional: readonly string[] };
export type CsvTable = { ok: true; rows: CsvRow[] } | { ok: false; problems: SyncProblem[] };

type ParsedRecord = { record: string[]; info: { lines: number } };

/** The column names of the first line (trimmed), or null when the file has no lines. */
export function csvHeader(text: string): string[] | null {
  const first = readRecords(text, 1);
  return first.ok && first.records[0] ? first.records[0].record.map((name) => name.trim()) : null;
}

export function readCsvTable(text: string, columns: CsvColumns): CsvTable {
  const parsed = readRecords(text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problems: [{ path: 'line 1', message: `the file is empty; its first line must name the columns: ${[...columns.required, ...columns.optional].join(',')}`, line: 1 }] };

  const names = header.record.map((name) => name.trim());
  const problems: SyncProblem[] = [];
  const known = new Set([...columns.required, ...columns.optional]);
  names.forEach((name, at) => {
    if (!known.has(name)) problems.push({ path: `line 1 column ${at + 1}`, message: `unknown column "${name}": the columns are ${[...known].join(', ')} (names are case-sensitive)`, line: 1, field: name });
    else if (names.indexOf(name) !== at) problems.push({ path: `line 1 column ${at + 1}`, message: `the column "${name}" appears twice`, line: 1, field: name });
  });
  for (const name of columns.required) {
    if (!names.includes(name)) problems.push({ path: 'line 1', message: `the column "${name}" is missing from the first line`, line: 1, field: name });
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (record.length !== names.length) {
      problems.push({ path: `line ${info.lines}`, message: `this line has ${record.length} ${record.length === 1 ? 'field' : 'fields'}, the first line names ${names.length} (a comma inside a value must be quoted: "Smith, Jo")`, line: info.lines });
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    const fields: Record<string, string> = {};
    names.forEach((name, at) => {
      fields[name] = record[at]!.trim();
    });
    rows.push({ line: info.lines, fields });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

function readRecords(text: string, toLine?: number): { ok: true; records: ParsedRecord[] } | { ok: false; problem: SyncProblem } {
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      ...(toLine ? { to_line: toLine } : {}),
    }) as unknown as ParsedRecord[];
    return { ok: true, records };
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    const code = (error as { code?: unknown }).code;
    const message = code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted value is never closed: a double quote is missing (a quote inside a value is written twice: "")'
      : code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a double quote in the middle of a value: quote the whole value and write the quote twice ("5"" screen")'
        : `not readable as CSV: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problem: { path: line > 0 ? `line ${line}` : 'file', message, ...(line > 0 ? { line } : {}) } };
  }
}
