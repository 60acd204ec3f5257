// The renderer hears the window and the document through one hook, renderer/shell/
// useWindowListener.ts (attached in the commit that draws the screen, reading the latest
// handler). useDeskLock once kept a latest-handler ref of its own for pointerdown beside the
// key hook's, and the door its own effect for the window's focus: two ways of one thing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const renderer = join(root, 'renderer');
const THE_HOOK = 'renderer/shell/useWindowListener.ts';

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('listeners on the window and the document', () => {
  it('are added only by useWindowListener', () => {
    const elsewhere = sources(renderer)
      .map((path) => relative(root, path))
      .filter((path) => path !== THE_HOOK && /\b(window|document)\.addEventListener\(/.test(readFileSync(join(root, path), 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
