// How deeply a JSON body sent to the endpoint may nest. No record of the project nests deeper
// than 8 levels (a venue file: file → passes → pass → terms → …; a push: body → rows → row →
// entry); 32 leaves room for any future shape. The limit is checked on the text, before it
// is parsed: parsing a body of millions of nested brackets took seconds of the one thread
// that answers every desk (issue 12, finding 2).
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest nesting of objects and arrays in a JSON text, counting only brackets outside
 * strings; it stops counting once `limit` is passed (and returns limit + 1). Not a validator:
 * a text that is not JSON is the parser's to refuse.
 */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth -= 1;
  }
  return deepest;
}
