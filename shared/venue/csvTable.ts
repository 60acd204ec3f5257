// A CSV file as rows of named fields (the endpoint's and the desk's import read it the same way), each with its line number, so that a mistake is reported
// where the venue's IT person will look for it: "line 12, field email". The first line names
// the columns, in any order; quoting follows RFC 4180 (a comma inside a name is quoted).
import { parse } from 'csv-parse/sync';
import type { SyncProblem } from '../schema/syncContract';
import type { ProblemWords } from './importProblems';
import { problem, problemInEnglish } from './importProblems';

/** The most problems one refusal lists (as the endpoint's, server/sync/documentProblems.ts). */
export const MAX_PROBLEMS = 50;

export type CsvRow = { line: number; fields: Record<string, string> };
export type CsvColumns = { required: readonly string[]; optional: readonly string[] };
/** A problem of a CSV: the endpoint's answer (`message` in English) and its words for the desk (`problem`). */
export type CsvProblem = SyncProblem & { problem: ProblemWords };
export type CsvTable = { ok: true; rows: CsvRow[] } | { ok: false; problems: CsvProblem[] };

/** A problem at a place of a CSV (`path` the endpoint's, e.g. "line 1 column 3"). */
export function csvProblem(place: Omit<SyncProblem, 'message'>, words: ProblemWords): CsvProblem {
  return { ...place, message: problemInEnglish(words), problem: words };
}

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
  if (!header) return { ok: false, problems: [csvProblem({ path: 'line 1', line: 1 }, problem('importProblem.csvEmpty', { columns: [...columns.required, ...columns.optional].join(',') }))] };

  const names = header.record.map((name) => name.trim());
  const problems: CsvProblem[] = [];
  const known = new Set([...columns.required, ...columns.optional]);
  names.forEach((name, at) => {
    if (!known.has(name)) problems.push(csvProblem({ path: `line 1 column ${at + 1}`, line: 1, field: name }, problem('importProblem.csvUnknownColumn', { name, columns: [...known].join(', ') })));
    else if (names.indexOf(name) !== at) problems.push(csvProblem({ path: `line 1 column ${at + 1}`, line: 1, field: name }, problem('importProblem.csvColumnTwice', { name })));
  });
  for (const name of columns.required) {
    if (!names.includes(name)) problems.push(csvProblem({ path: 'line 1', line: 1, field: name }, problem('importProblem.csvColumnMissing', { name })));
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (record.length !== names.length) {
      problems.push(csvProblem({ path: `line ${info.lines}`, line: info.lines }, problem('importProblem.csvFieldCount', { count: record.length, names: names.length })));
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

function readRecords(text: string, toLine?: number): { ok: true; records: ParsedRecord[] } | { ok: false; problem: CsvProblem } {
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
    const words = code === 'CSV_QUOTE_NOT_CLOSED' ? problem('importProblem.csvQuoteNotClosed')
      : code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE' ? problem('importProblem.csvQuoteInside')
        : problem('importProblem.csvUnreadable', { reason: error instanceof Error ? error.message : String(error) });
    return { ok: false, problem: csvProblem({ path: line > 0 ? `line ${line}` : 'file', ...(line > 0 ? { line } : {}) }, words) };
  }
}
