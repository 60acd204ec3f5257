// issue 14 item 8: docs/architecture.md is a map of where each rule and each boundary lives. A
// map that names a file which was moved or renamed sends the reader nowhere, so every file the
// page names must exist: a path from the repository's root (`main/desk/deskCall.ts`), a folder
// (`shared/staff/`), the spec's folder beside it (`../shared/…`), or a bare file name written
// after its folder was named (`passSummary.ts`), which must name some file of the repository;
// and every `npm run x` must be a script of package.json (the page once said `npm run
// test:crash`, which is `npm run crash-test`).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const sharedSpec = join(repoRoot, '..', 'shared');

const TOP_FOLDERS = ['main', 'shared', 'server', 'renderer', 'test', 'scripts', 'docs', 'eslint-rules', 'build'];
const FILE_ENDING = /\.(ts|tsx|mjs|js|json|md|yml|css)$/;
/** A path from the root or from the spec's folder: `main/desk/deskCall.ts`, `shared/staff/`, `../shared/SPEC.md`. */
const ROOTED_PATH = new RegExp(`(?<![\\w./-])(?:\\.\\./shared/[\\w./-]*|(?:${TOP_FOLDERS.join('|')})/[\\w./-]*)`, 'g');
/** A bare source, test or doc file name in backticks: `passSummary.ts` (not `desk.json`, which lives in a data folder). */
const BARE_FILE = /`([\w.-]+\.(?:ts|tsx|mjs|js|md|yml))`/g;

function filesUnder(folder: string): string[] {
  // Without ../shared beside the project, its paths are reported missing rather than thrown on.
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.startsWith('dist')) return [];
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [entry.name];
  });
}

/** `npm run x`: the script's name. */
const NPM_RUN = /npm run ([\w:-]+)/g;
const scripts = new Set(Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts));

const knownFileNames = new Set([...filesUnder(repoRoot), ...filesUnder(sharedSpec)]);

/** Every file or folder the text names that is not there, with its line. */
function missingPaths(text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const rooted = [...line.matchAll(ROOTED_PATH)]
      .map(([path]) => path.replace(/[.,;:]+$/, ''))
      .filter((path) => FILE_ENDING.test(path) || path.endsWith('/'))
      .filter((path) => !existsSync(path.startsWith('../shared/') ? join(sharedSpec, path.slice('../shared/'.length)) : join(repoRoot, path)));
    const bare = [...line.matchAll(BARE_FILE)].map(([, name = '']) => name).filter((name) => !knownFileNames.has(name));
    const commands = [...line.matchAll(NPM_RUN)].filter(([, script = '']) => !scripts.has(script)).map(([command]) => command);
    return [...rooted, ...bare, ...commands].map((path) => `line ${index + 1}: ${path}`);
  });
}

describe('docs/architecture.md names only files that exist', () => {
  it('every path and file name in the page is in the repository', () => {
    const page = readFileSync(join(repoRoot, 'docs/architecture.md'), 'utf8');
    expect(missingPaths(page)).toEqual([]);
  });

  it('the check itself: a moved file, a gone folder, a misspelt bare name and a script that is not are each caught', () => {
    const text = [
      'The call entry is `main/desk/deskCall.ts`; staff in `shared/staff/`; format in ../shared/scenarios/FORMAT.md; `npm run crash-test`.',
      'It was `main/desk/deskApi.ts`, in `main/handlers/`, tested by `roleMatrx.test.ts` and `npm run test:crash`.',
    ].join('\n');
    expect(missingPaths(text)).toEqual(['line 2: main/desk/deskApi.ts', 'line 2: main/handlers/', 'line 2: roleMatrx.test.ts', 'line 2: npm run test:crash']);
  });
});
