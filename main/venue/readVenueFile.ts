// Reading a venue file from disk: the rules of what a good file is live in
// shared/venue/resolveVenueFile.ts; this shell adds what only the text knows, the line and
// column of each mistake, so that the venue's IT person can open the file at that spot.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParseErrorCode } from 'jsonc-parser';
import { getLocation, printParseErrorCode, visit } from 'jsonc-parser';
import type { VenueData } from '../../shared/schema/records';
import type { VenuePath } from '../../shared/venue/resolveVenueFile';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import type { ImportProblemLine, ProblemWords } from '../../shared/venue/importProblems';
import { problem, problemInEnglish } from '../../shared/venue/importProblems';

/**
 * A mistake at a place in the file; line and column count from 1 (0: the file as a whole).
 * `message` is `problem` in English (the command line, the logs); the desk says `problem` in its language.
 */
export type VenueFileProblem = { line: number; column: number; path: string; message: string; problem: ProblemWords };
export type ParsedVenueFile = { ok: true; data: VenueData } | { ok: false; errors: VenueFileProblem[] };

/**
 * Node cannot hold a string much longer than 512 MiB; a demo venue of 100,000 customers and
 * a million check-ins is about 350 MB, so this leaves room while refusing a wrong file early.
 */
export const MAX_VENUE_FILE_BYTES = 500 * 1024 * 1024;

const jsonOptions = { allowTrailingComma: false, disallowComments: true } as const;

export function parseVenueFileText(text: string, fileName?: string): ParsedVenueFile {
  // Editors on Windows often save UTF-8 with a byte order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') return fileProblem(fileName === undefined ? problem('importProblem.venueFileEmpty') : problem('importProblem.fileEmpty', { file: fileName }));

  // JSON.parse is many times faster and leaner than jsonc-parser on a file of hundreds of
  // megabytes; jsonc-parser reads the text again only when there is a mistake to place.
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [syntaxProblem(json, error)] };
  }
  const resolved = resolveVenueFile(value);
  if (resolved.ok) return resolved;

  const places = placesOf(json, resolved.errors.map((error) => error.path));
  const lines = new LineIndex(json);
  return {
    ok: false,
    errors: resolved.errors.map((error) => ({
      ...lines.at(places(error.path)),
      path: formatVenuePath(error.path),
      message: error.message,
      problem: error.problem,
    })),
  };
}

export async function readVenueFile(path: string): Promise<ParsedVenueFile> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileProblem(problem('importProblem.isFolder', { path }));
    if (info.size > MAX_VENUE_FILE_BYTES) {
      return fileProblem(problem('importProblem.tooLarge', { file: name, size: megabytes(info.size), max: megabytes(MAX_VENUE_FILE_BYTES) }));
    }
    bytes = await readFile(path);
  } catch (error) {
    return fileProblem(readFailure(path, error));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notUtf8(name, bytes);
  }
  return parseVenueFileText(text, name);
}

/** `venue.json:12:5 passes[3].productId: no product with id "p9"`, one line per mistake. */
export function formatVenueFileErrors(errors: readonly VenueFileProblem[], fileName: string): string[] {
  return errors.map((error) => {
    const place = error.line > 0 ? `${fileName}:${error.line}:${error.column}` : `${fileName}:`;
    return `${place} ${error.path === '' ? '' : `${error.path}: `}${error.message}`;
  });
}

/** Each problem as the desk shows it, in its language (renderer/words.ts `importProblemLine`). */
export function venueFileProblemLines(errors: readonly VenueFileProblem[]): ImportProblemLine[] {
  return errors.map((error) => ({ line: error.line, column: error.column, place: error.path, problem: error.problem }));
}

/** `passes[3].productId`: the way the IT person would point at the field in the file. */
export function formatVenuePath(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

function fileProblem(words: ProblemWords): ParsedVenueFile {
  return { ok: false, errors: [{ line: 0, column: 0, path: '', message: problemInEnglish(words), problem: words }] };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1_000_000);
}

function readFailure(path: string, error: unknown): ProblemWords {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return problem('importProblem.noFile', { path });
    case 'EACCES':
    case 'EPERM': return problem('importProblem.permissionDenied', { path });
    case 'EISDIR': return problem('importProblem.isFolder', { path });
    default: return problem('importProblem.cannotRead', { path, reason: error instanceof Error ? error.message : String(error) });
  }
}

// --- where in the text -------------------------------------------------------------------

class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

/** The fields and items the mistakes name, and the prefixes leading to them. */
type WantedPlace = { offset: number; inside: Map<string | number, WantedPlace> };

/** Thrown out of jsonc-parser's visitor to stop reading once nothing more is needed. */
const enough = Symbol('enough');

/**
 * The offsets of the values at `paths`, read in one pass over the text without building a
 * syntax tree: a tree of a 300 MB venue needs more memory than a desk has. Parts of the file
 * no mistake points into are skipped by the visitor. A field is placed at its name, where
 * one looks; a path that does not exist (a missing field) at its nearest existing parent.
 */
function placesOf(text: string, paths: readonly VenuePath[]): (path: VenuePath) => number {
  const root: WantedPlace = { offset: -1, inside: new Map() };
  let unfound = 1;
  for (const path of paths) {
    let place = root;
    for (const key of path) {
      let next = place.inside.get(key);
      if (!next) {
        next = { offset: -1, inside: new Map() };
        place.inside.set(key, next);
        unfound += 1;
      }
      place = next;
    }
  }
  const found = (place: WantedPlace, offset: number) => {
    place.offset = offset;
    unfound -= 1;
    if (unfound === 0) throw enough;
  };

  // One frame per open object or list: the wanted place it is, and the index of its last item.
  const frames: { place: WantedPlace | null; index: number; isList: boolean }[] = [];
  let property: WantedPlace | null = null;
  const enterValue = (offset: number): WantedPlace | null => {
    const frame = frames[frames.length - 1];
    if (!frame) {
      found(root, offset);
      return root;
    }
    if (!frame.isList) return property;
    frame.index += 1;
    const item = frame.place?.inside.get(frame.index) ?? null;
    if (item && item.offset < 0) found(item, offset);
    return item;
  };
  const open = (isList: boolean) => (offset: number) => {
    const place = enterValue(offset);
    frames.push({ place, index: -1, isList });
    // Returning false skips the callbacks inside: nothing in there is wanted.
    return place !== null && place.inside.size > 0;
  };
  try {
    visit(text, {
      onObjectBegin: open(false),
      onArrayBegin: open(true),
      onObjectEnd: () => void frames.pop(),
      onArrayEnd: () => void frames.pop(),
      onObjectProperty: (name, offset) => {
        property = frames[frames.length - 1]?.place?.inside.get(name) ?? null;
        if (property && property.offset < 0) found(property, offset);
      },
      onLiteralValue: (_value, offset) => void enterValue(offset),
    }, jsonOptions);
  } catch (error) {
    if (error !== enough) throw error;
  }

  return (path) => {
    let offset = Math.max(root.offset, 0);
    let place: WantedPlace | undefined = root;
    for (const key of path) {
      place = place.inside.get(key);
      if (!place || place.offset < 0) break;
      offset = place.offset;
    }
    return offset;
  };
}

// --- JSON syntax -------------------------------------------------------------------------

/**
 * Only the first syntax mistake is reported: after it, a parser can only guess where the
 * writer meant things to be, and its guesses read as mistakes that are not there.
 */
function syntaxProblem(text: string, parseFailure: unknown): VenueFileProblem {
  const lines = new LineIndex(text);
  const first = firstSyntaxError(text);
  if (!first) {
    // The two parsers disagree only on oddities; JSON.parse's own words are then the best.
    const position = /position (\d+)/.exec(parseFailure instanceof Error ? parseFailure.message : '');
    const offset = position ? Number(position[1]) : 0;
    const words = problem('importProblem.notJson', { reason: parseFailure instanceof Error ? parseFailure.message : String(parseFailure) });
    return { ...lines.at(offset), path: pathAt(text, offset), message: problemInEnglish(words), problem: words };
  }
  const extraComma = commaBefore(text, first);
  const offset = extraComma ?? first.offset;
  const words = extraComma === null ? syntaxWords(printParseErrorCode(first.error), text, first)
    : text[first.offset] === ',' ? problem('importProblem.twoCommas')
    : problem('importProblem.commaBefore', { character: text[first.offset]! });
  return { ...lines.at(offset), path: pathAt(text, offset), message: problemInEnglish(words), problem: words };
}

/** The field or item the text at `offset` is in; a field name not yet typed is left out. */
function pathAt(text: string, offset: number): string {
  const path = getLocation(text, offset).path;
  while (path[path.length - 1] === '') path.pop();
  return formatVenuePath(path);
}

type JsonSyntaxMistake = { error: ParseErrorCode; offset: number; length: number };

function firstSyntaxError(text: string): JsonSyntaxMistake | null {
  let first: JsonSyntaxMistake | null = null;
  try {
    visit(text, {
      onError: (error, offset, length) => {
        first = { error, offset, length };
        throw enough;
      },
    }, jsonOptions);
  } catch (error) {
    if (error !== enough) throw error;
  }
  return first;
}

/** A comma where a field or item should follow: trailing ("[1, 2,]") or doubled ("1,, 2"). */
function commaBefore(text: string, error: JsonSyntaxMistake): number | null {
  const code = printParseErrorCode(error.error);
  if (code !== 'PropertyNameExpected' && code !== 'ValueExpected') return null;
  if (!['}', ']', ','].includes(text[error.offset] ?? '')) return null;
  let at = error.offset - 1;
  while (at >= 0 && /\s/.test(text[at]!)) at -= 1;
  return text[at] === ',' ? at : null;
}

function syntaxWords(code: ReturnType<typeof printParseErrorCode>, text: string, error: JsonSyntaxMistake): ProblemWords {
  const snippet = text.slice(error.offset, error.offset + Math.min(Math.max(error.length, 1), 20));
  switch (code) {
    case 'InvalidSymbol':
      if (snippet.startsWith("'")) return problem('importProblem.singleQuotes', { text: JSON.stringify(snippet) });
      if (/^[A-Za-z_]/.test(snippet)) return problem('importProblem.bareWord', { text: JSON.stringify(snippet) });
      return problem('importProblem.unexpected', { text: JSON.stringify(snippet) });
    case 'InvalidNumberFormat': return problem('importProblem.badNumber');
    case 'PropertyNameExpected': return problem('importProblem.nameExpected');
    case 'ValueExpected': return problem(error.offset >= text.length ? 'importProblem.endsEarly' : 'importProblem.valueExpected');
    case 'ColonExpected': return problem('importProblem.colonExpected');
    case 'CommaExpected': return problem('importProblem.commaMissing');
    case 'CloseBraceExpected': return problem('importProblem.objectNotClosed');
    case 'CloseBracketExpected': return problem('importProblem.listNotClosed');
    case 'EndOfFileExpected': return problem('importProblem.endExpected');
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment': return problem('importProblem.noComments');
    case 'UnexpectedEndOfString': return problem('importProblem.textNotClosed');
    case 'UnexpectedEndOfNumber': return problem('importProblem.numberCutShort');
    case 'InvalidUnicode': return problem('importProblem.badUnicode');
    case 'InvalidEscapeCharacter': return problem('importProblem.badEscape');
    case 'InvalidCharacter': return problem('importProblem.controlCharacter');
    default: return problem('importProblem.notValidHere');
  }
}

// --- encoding ----------------------------------------------------------------------------

function notUtf8(name: string, bytes: Uint8Array): ParsedVenueFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fileProblem(problem('importProblem.utf16', { file: name }));
  }
  const at = firstNonUtf8Byte(bytes);
  if (at < 0) return fileProblem(problem('importProblem.notUtf8', { file: name }));
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < at; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const words = problem('importProblem.byteNotUtf8');
  return { ok: false, errors: [{ line, column: at - lineStart + 1, path: '', message: problemInEnglish(words), problem: words }] };
}

/** Where the first byte that cannot start or continue a UTF-8 character is, or -1. */
function firstNonUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const following = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (following < 0) return index;
    for (let k = 1; k <= following; k += 1) {
      if (((bytes[index + k] ?? 0) & 0xc0) !== 0x80) return index;
    }
    index += following + 1;
  }
  return -1;
}
