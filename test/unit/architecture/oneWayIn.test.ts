// issue 14: "The desk's state has five ways in": memory was written by loadMemory, the change
// events, a venue file, snapshot pages, the desk's own writes and the venue the endpoint names,
// each its own way ("add the entry, then observe its stamp" four times). Now every source goes
// through main/state/stateIntake.ts; nothing outside main/state/ writes into memory itself.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const mainRoot = fileURLToPath(new URL('../../../main', import.meta.url));

/** A record, an entry, a summary or the venue put into memory directly. */
const WRITES_INTO_MEMORY = /\.(upsertProduct|upsertCustomer|upsertPass|upsertSession|upsertBooking|addLedgerEntry|addSummary)\(|\bmemory\.venue\s*=(?!=)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('one way into the desk\'s state', () => {
  it('nothing outside main/state/ writes into memory: every source goes through the intake', () => {
    const outside = sourceFiles(mainRoot).filter((file) => !relative(mainRoot, file).startsWith('state/'));
    const writes = outside.flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, index) => (line.match(WRITES_INTO_MEMORY) ? [`${relative(mainRoot, file)}:${index + 1}: ${line.trim()}`] : []));
    });
    expect(writes).toEqual([]);
  });
});
