// "Compare canonically, key order must not matter": a property test over arbitrary JSON
// documents and arbitrary reorderings of their keys (fast-check, fixed seed printed on failure).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameDocument } from '../../server/sync/canonicalJson';

const seed = 20_260_201;

function reordered(value: unknown, order: number[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reordered(item, order));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const shuffled = entries.map((entry, at) => ({ entry, key: order[at % order.length] ?? at })).sort((a, b) => a.key - b.key).map(({ entry }) => entry);
  return Object.fromEntries(shuffled.map(([key, inner]) => [key, reordered(inner, order)]));
}

describe('canonical JSON', () => {
  it('is the same for a document and any reordering of its keys, and parses back to it', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), (value, order) => {
      const other = reordered(value, order);
      expect(canonicalJson(other)).toBe(canonicalJson(value));
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }), { seed, numRuns: 300 });
  });

  it('tells documents with different values apart', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (document, key) => {
      const changed = { ...document, [key]: { changed: [document[key] ?? null] } };
      expect(sameDocument(document, changed)).toBe(false);
    }), { seed, numRuns: 300 });
  });

  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: '1' }, { a: 1 }, false],
  ])('compares %j and %j as same: %s', (a, b, same) => {
    expect(sameDocument(a, b)).toBe(same);
  });
});
