// The e2e specs run one after another on fixed ports (IndexedDB belongs to the origin). Two specs
// on one port fail together: a spec that times out can leave its desk on the port, and the next
// spec on it then cannot start ("is in use"), as cleanTree.spec and doorEdges.spec did on 4961.
// Every port a spec names is its own, and none is one Chromium refuses to load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const e2e = join(__dirname, '..', '..', 'e2e');
/** The suite's ports, 4800–5099 (moved by TEST_PORT_OFFSET); durations are written 5_000. */
const PORT = /(?<![\d_.])(4[89]\d\d|50\d\d)(?![\d_])/g;
/** Chromium's restricted ports in and near the suite's range (net/base/port_util.cc). */
const UNSAFE = new Set([5060, 5061]);

function portsBySpec(): Map<number, string[]> {
  const owners = new Map<number, string[]>();
  for (const file of readdirSync(e2e).filter((name) => name.endsWith('.spec.ts'))) {
    const ports = new Set([...readFileSync(join(e2e, file), 'utf8').matchAll(PORT)].map((match) => Number(match[1])));
    for (const port of ports) owners.set(port, [...(owners.get(port) ?? []), file]);
  }
  return owners;
}

describe('the e2e specs’ ports', () => {
  it('each port belongs to one spec', () => {
    const shared = [...portsBySpec()].filter(([, files]) => files.length > 1).map(([port, files]) => `${port}: ${files.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('no spec uses a port Chromium refuses', () => {
    expect([...portsBySpec().keys()].filter((port) => UNSAFE.has(port))).toEqual([]);
  });
});
