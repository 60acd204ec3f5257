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

/** A mistake at a place in the file; line and column count from 1 (0: the file as a whole). */
export type VenueFileProblem = { line: number; column: number; path: string; message: string };
export type ParsedVenueFile = { ok: true; data: VenueData } | { ok: false; errors: VenueFileProblem[] };

/**
 * Node cannot hold a string much longer than 512 MiB; a demo venue of 100,000 customers and
 * a million check-ins is about 350 MB, so this leaves room while refusing a wrong file early.
 */
export const MAX_VENUE_FILE_BYTES = 500 * 1024 * 1024;

const jsonOptions = { allowTrailingComma: false, disallowComments: true } as const;

export function parseVenueFileText(text: string, fileName = 'the venue file'): ParsedVenueFile {
  // Editors on Windows often save UTF-8 with a byte order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.trim() === '') return fileProblem(`${fileName} is empty: a venue file is a JSON object starting with {`);

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
    })),
  };
}

export async function readVenueFile(path: string): Promise<ParsedVenueFile> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileProblem(`${path} is a folder, not a venue file`);
    if (info.size > MAX_VENUE_FILE_BYTES) {
      return fileProblem(`${name} is ${megabytes(info.size)}; a desk reads venue files of at most ${megabytes(MAX_VENUE_FILE_BYTES)}`);
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

function fileProblem(message: string): ParsedVenueFile {
  return { ok: false, errors: [{ line: 0, column: 0, path: '', message }] };
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_000_000)} MB`;
}

function readFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return `no file at ${path}`;
    case 'EACCES':
    case 'EPERM': return `${path} cannot be read: permission denied`;
    case 'EISDIR': return `${path} is a folder, not a venue file`;
    default: return `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
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
    return { ...lines.at(offset), path: pathAt(text, offset), message: `not valid JSON: ${parseFailure instanceof Error ? parseFailure.message : String(parseFailure)}` };
  }
  const extraComma = commaBefore(text, first);
  const offset = extraComma ?? first.offset;
  const message = extraComma === null ? syntaxWords(printParseErrorCode(first.error), text, first)
    : text[first.offset] === ',' ? 'two commas in a row: remove one'
    : `a comma before "${text[first.offset]}" is not allowed in JSON: remove this comma`;
  return { ...lines.at(offset), path: pathAt(text, offset), message };
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

function syntaxWords(code: ReturnType<typeof printParseErrorCode>, text: string, error: JsonSyntaxMistake): string {
  const snippet = text.slice(error.offset, error.offset + Math.min(Math.max(error.length, 1), 20));
  switch (code) {
    case 'InvalidSymbol':
      if (snippet.startsWith("'")) return `unexpected ${JSON.stringify(snippet)}: JSON text and field names take double quotes "…", not single quotes`;
      if (/^[A-Za-z_]/.test(snippet)) return `unexpected ${JSON.stringify(snippet)}: text and field names must be in double quotes, and true, false and null are written in lowercase`;
      return `unexpected ${JSON.stringify(snippet)}`;
    case 'InvalidNumberFormat': return 'this number is not written the way JSON allows (for example 10, -3, 2.5; no leading zeros)';
    case 'PropertyNameExpected': return 'a field name in double quotes is expected here';
    case 'ValueExpected':
      return error.offset >= text.length
        ? 'the file ends where a value is expected: it may have been cut short'
        : 'a value is expected here: text in double quotes, a number, true, false, null, an object { … } or a list [ … ]';
    case 'ColonExpected': return 'a colon ":" is expected after the field name';
    case 'CommaExpected': return 'a comma is missing before this: items of a list and fields of an object are separated by commas';
    case 'CloseBraceExpected': return 'an object is not closed: a "}" is missing (the file may have been cut short)';
    case 'CloseBracketExpected': return 'a list is not closed: a "]" is missing (the file may have been cut short)';
    case 'EndOfFileExpected': return 'the file should end here: something follows the last closing bracket';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment': return 'comments are not allowed in a venue file (JSON has no comments)';
    case 'UnexpectedEndOfString': return 'this text has no closing double quote on its line (a line break inside text is written \\n)';
    case 'UnexpectedEndOfNumber': return 'this number is cut short';
    case 'InvalidUnicode': return 'a \\u escape must be followed by four hexadecimal digits';
    case 'InvalidEscapeCharacter': return 'a backslash inside text must start an escape such as \\" \\\\ \\n \\t or \\uXXXX (a backslash itself is written \\\\)';
    case 'InvalidCharacter': return 'a control character such as a tab inside text must be escaped (a tab is written \\t)';
    default: return 'not valid JSON here';
  }
}

// --- encoding ----------------------------------------------------------------------------

function notUtf8(name: string, bytes: Uint8Array): ParsedVenueFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fileProblem(`${name} is saved as UTF-16; save it as UTF-8 and load it again`);
  }
  const at = firstNonUtf8Byte(bytes);
  const advice = 'save it as UTF-8 (it may have been saved as Latin-1 or Windows-1252) and load it again';
  if (at < 0) return fileProblem(`${name} is not UTF-8 text: ${advice}`);
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < at; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { ok: false, errors: [{ line, column: at - lineStart + 1, path: '', message: `this byte is not UTF-8 text: ${advice}` }] };
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
