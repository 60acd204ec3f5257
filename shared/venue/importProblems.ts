// What is wrong with a venue file or a CSV, as a message of the one catalog (shared/i18n,
// `importProblem.*`) and its values, never a sentence: the desk shows each line in its own
// language (renderer/words.ts `importProblemLine`), Electron's start-up dialog in the desk's
// (main/startFailure.ts), and the endpoint's answers and the logs in English, all from the same
// message. A value is the file's own text (an id, a field's name), a number, or words of their
// own (what a field must be: "a whole number"; a choice of forms: "a list or text").
import type { IntlShape } from '@formatjs/intl';
import type { MessageId } from '../i18n/catalogs';
import { inEnglish, intlOfDesk } from '../i18n/wordsOfDesk';

export type ProblemValue = string | number | ProblemWords | { anyOf: ProblemValue[] };
export type ProblemWords = { id: MessageId; values?: Record<string, ProblemValue> };

/** One problem line: where in the file (line and column from 1, the field's place), and what. */
export type ImportProblemLine = { line?: number; column?: number; place?: string; problem: ProblemWords };

export const problem = (id: MessageId, values?: Record<string, ProblemValue>): ProblemWords => (values ? { id, values } : { id });

type Speaker = Pick<IntlShape, 'formatMessage' | 'formatList'>;

function valueIn(intl: Speaker, value: ProblemValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('anyOf' in value) return intl.formatList(value.anyOf.map((item) => String(valueIn(intl, item))), { type: 'disjunction' });
  return sayProblem(intl, value);
}

/** The words of a problem in the language of `intl` (the page's, or main's). */
export function sayProblem(intl: Speaker, words: ProblemWords): string {
  const values = Object.fromEntries(Object.entries(words.values ?? {}).map(([name, value]) => [name, valueIn(intl, value)]));
  return intl.formatMessage({ id: words.id }, values);
}

/** A problem line: "line 12, column 5, passes[3].productId: no product with id "p9"". */
export function sayProblemLine(intl: Speaker, line: ImportProblemLine): string {
  const problemWords = sayProblem(intl, line.problem);
  const place = line.place ?? '';
  if (line.line === undefined || line.line <= 0) return place === '' ? problemWords : intl.formatMessage({ id: 'importProblem.atPlace' }, { place, problem: problemWords });
  if (line.column !== undefined && line.column > 0) {
    return intl.formatMessage({ id: place === '' ? 'importProblem.atLineColumn' : 'importProblem.atLineColumnPlace' }, { line: line.line, column: line.column, place, problem: problemWords });
  }
  return intl.formatMessage({ id: place === '' ? 'importProblem.atLine' : 'importProblem.atLinePlace' }, { line: line.line, place, problem: problemWords });
}

let english: Speaker | null = null;

/** In English (en-GB): the endpoint's answers, the command line and the logs. */
export function problemInEnglish(words: ProblemWords): string {
  english ??= intlOfDesk('en-GB');
  return sayProblem(english, words);
}

/** A problem line in English. */
export function problemLineInEnglish(line: ImportProblemLine): string {
  english ??= intlOfDesk('en-GB');
  return sayProblemLine(english, line);
}

/** zod's refinements of the venue's records say their problem by message id (`params.problem`). */
export function refinedAs(id: MessageId, values?: Record<string, string | number>) {
  return { error: () => inEnglish({ id, ...(values ? { values } : {}) }), params: { problem: id, ...(values ? { values } : {}) } };
}
