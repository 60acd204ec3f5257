// The raw material of bad inputs, shared by every boundary: values of the wrong type, huge
// strings, deeply nested lists and objects, prototype-pollution keys, and (where a transport
// carries them: Electron's structured clone, code calling the desk) values JSON cannot hold.
// A deep value is generated as a small `Nested` marker and built only when it is sent, so
// that a failure report prints the marker, not a hundred thousand brackets.
import fc from 'fast-check';

/** What a transport can carry: JSON text, or JavaScript values (structured clone, direct calls). */
export type Wire = 'json' | 'clone';

export class Nested {
  constructor(readonly depth: number, readonly shape: 'list' | 'object') {}

  /** The value itself, built without recursion. */
  build(): unknown {
    let value: unknown = 'bottom';
    for (let level = 0; level < this.depth; level += 1) value = this.shape === 'list' ? [value] : { deeper: value };
    return value;
  }

  text(): string {
    return this.shape === 'list'
      ? `${'['.repeat(this.depth)}"bottom"${']'.repeat(this.depth)}`
      : `${'{"deeper":'.repeat(this.depth)}"bottom"${'}'.repeat(this.depth)}`;
  }
}

/** Deep enough to overflow any recursive walk (V8's stack gives out near 10,000 frames). */
export const nested = (): fc.Arbitrary<Nested> =>
  fc.record({ depth: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 5_000, max: 200_000 })), shape: fc.constantFrom('list' as const, 'object' as const) })
    .map(({ depth, shape }) => new Nested(depth, shape));

/** The value a generated input stands for, with every `Nested` marker built. */
export function materialize(value: unknown): unknown {
  if (value instanceof Nested) return value.build();
  if (Array.isArray(value)) return value.map(materialize);
  if (isPlainObject(value)) {
    // defineProperty, so that a key "__proto__" stays an own key as JSON.parse would make it.
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) Object.defineProperty(copy, key, { value: materialize(inner), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return value;
}

/** JSON text of a generated value; `Nested` markers are written out as text, never as a value. */
export function jsonText(value: unknown): string {
  const deep: Nested[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner instanceof Nested) {
      deep.push(inner);
      return `\u0000nested-${deep.length - 1}\u0000`;
    }
    return inner;
  }) ?? 'null';
  return text.replace(/"\\u0000nested-(\d+)\\u0000"/g, (_match, index: string) => deep[Number(index)]!.text());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** An object with keys that pollute a prototype when merged naively; own keys, as JSON.parse makes them. */
export const pollutingObject = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"__proto__":{"toString":"polluted"},"constructor":{"prototype":{"isAdmin":true}}}',
    '{"prototype":{"polluted":true}}',
  ).map((text) => JSON.parse(text) as Record<string, unknown>);

/** Keys that are no field of anything here, prototype keys first among them. */
export const strangeKey = (known: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '_deleted', '_rev', '_meta', '') },
    { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  ).filter((key) => !known.includes(key));

/** A string of `min` to `max` characters (zod counts code points); with no `max`, occasionally a megabyte. */
export const longString = (min: number, max?: number): fc.Arbitrary<string> =>
  fc.tuple(
    fc.array(fc.constantFrom('x', 'é', ' ', '"', '\\', '\u2028', '😀', '\n', '<'), { minLength: 1, maxLength: 6 }),
    max === undefined
      ? fc.oneof({ weight: 6, arbitrary: fc.integer({ min, max: min + 2_000 }) }, { weight: 1, arbitrary: fc.integer({ min: Math.max(min, 100_000), max: Math.max(min, 1_000_000) }) })
      : fc.integer({ min, max }),
  ).map(([unit, length]) => [...unit.join('').repeat(Math.ceil(length / unit.length))].slice(0, length).join(''))
    .filter((text) => [...text].length >= min);

/** Text PostgreSQL cannot store: a NUL, or half of a surrogate pair (JSON writes it as "\ud800"). */
export const notStorable = (): fc.Arbitrary<string> => fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00x', 'x\ud83d'), fc.string({ maxLength: 5 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Values JSON cannot carry but a structured clone (Electron IPC) or a direct call can. */
const cloneOnly = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.bigInt(),
    fc.date({ noInvalidDate: false }),
    fc.constant(new Map([['passId', 'x1']])),
    fc.constant(new Set(['x1'])),
    fc.constant(new Uint8Array([1, 2, 3])),
    fc.constant(/x1/),
  );

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** Any value whose type is none of `allowed` (null counts as its own type). */
export function notOfType(allowed: readonly JsonType[], wire: Wire): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [];
  if (!allowed.includes('string')) options.push(fc.string({ maxLength: 30 }), fc.constantFrom('', '0', 'true', 'null', '[]', '{}'));
  if (!allowed.includes('number')) options.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
  if (!allowed.includes('boolean')) options.push(fc.boolean());
  if (!allowed.includes('null')) options.push(fc.constant(null));
  if (!allowed.includes('array')) options.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), nested().filter((value) => value.shape === 'list'));
  if (!allowed.includes('object')) {
    options.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), pollutingObject(), nested().filter((value) => value.shape === 'object'));
    // A value whose conversion to text throws: String({ toString: 5 }) is a TypeError.
    options.push(fc.constantFrom({ toString: 5 }, { toString: 'x', valueOf: 'y' }, { toJSON: 1 }));
  }
  if (wire === 'clone') options.push(cloneOnly().filter((value) => !(allowed.includes('number') && typeof value === 'number') && !(typeof value === 'object' && allowed.includes('object'))));
  return fc.oneof(...options);
}
