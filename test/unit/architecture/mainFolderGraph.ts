// The folder-level import graph of main/: which folder's files import which other folder's,
// read from the TypeScript sources themselves (ts.preProcessFile sees every import, export-from
// and import(), type-only ones included: a type import upward is still a dependency upward).
// main/'s own top-level files (runDesk.ts, deskHost.ts...) are the folder "main".
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export type FolderGraph = Map<string, Set<string>>;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function folderOf(mainRoot: string, file: string): string | null {
  const inside = relative(mainRoot, file);
  if (inside.startsWith('..')) return null;
  const parts = inside.split(sep);
  return parts.length === 1 ? 'main' : parts[0]!;
}

export function mainFolderGraph(mainRoot: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(mainRoot)) {
    const from = folderOf(mainRoot, file)!;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = folderOf(mainRoot, resolve(dirname(file), fileName));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The groups of folders that import each other, directly or round a loop (Tarjan's SCC). */
export function folderCycles(graph: FolderGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, counter);
    low.set(folder, counter);
    counter += 1;
    stack.push(folder);
    onStack.add(folder);
    for (const next of graph.get(folder) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return cycles;
}

/** Each import from one folder of a cycle into another, file by file, to say what to move. */
export function importsWithin(mainRoot: string, group: string[]): string[] {
  const members = new Set(group);
  const lines: string[] = [];
  for (const file of sourceFiles(mainRoot)) {
    const from = folderOf(mainRoot, file)!;
    if (!members.has(from)) continue;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = folderOf(mainRoot, resolve(dirname(file), fileName));
      if (to && to !== from && members.has(to)) lines.push(`${relative(mainRoot, file)} -> ${fileName}`);
    }
  }
  return lines;
}
