// docs/architecture.md: main/'s folders form layers (state and db at the floor, then commands,
// queries and sync, then desk, then the bridges and shells); nothing imports upward, so no two
// folders import each other, directly or round a loop.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { folderCycles, importsWithin, mainFolderGraph } from './mainFolderGraph';

const mainRoot = fileURLToPath(new URL('../../../main', import.meta.url));

describe('the folder-level import graph of main/', () => {
  it('has no cycle between folders', () => {
    const cycles = folderCycles(mainFolderGraph(mainRoot));
    const explained = cycles.map((group) => ({ folders: group, imports: importsWithin(mainRoot, group) }));
    expect(explained).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['desk', new Set(['commands'])],
      ['commands', new Set(['queries'])],
      ['queries', new Set(['desk'])],
      ['state', new Set<string>()],
    ]);
    expect(folderCycles(graph)).toEqual([['commands', 'desk', 'queries']]);
  });
});
