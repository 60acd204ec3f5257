// What the pairing form says about what was typed: each mistake once, named by its field.
import { describe, expect, it } from 'vitest';
import { readPairingEntry } from '../../../renderer/setup/pairingEntry';

describe('the pairing form, what was typed', () => {
  it.each([
    ['not an address at all', 'box office', 'a'.repeat(32)],
    ['an address without http:// or https://', 'ftp://desk.example', 'a'.repeat(32)],
  ])('says "Address: not a web address…" once for %s', (_case, entry, token) => {
    const read = readPairingEntry(entry, token);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.lines).toEqual([{ id: 'pair.addressInvalid' }]);
  });

  it('names the address and the token, each once, when both are wrong', () => {
    const read = readPairingEntry('box office', 'short');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.lines).toEqual([{ id: 'pair.addressInvalid' }, { id: 'pair.tokenShort' }]);
  });
});
