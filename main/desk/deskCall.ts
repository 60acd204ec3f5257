// The one parse of a call to the desk, whatever carried it (Electron IPC, the browser desk's
// WebSocket, the scenario runner): the name must be a call of the shared API map and the
// payload must match that call's schema. `desk.call` (./openDesk.ts) runs it before anything
// else; the bridges check only their transport, and handlers get the parsed payload, typed.
import type { z } from 'zod';
import type { DeskApiName, DeskApiPayloads } from '../../shared/schema/api';
import { deskApi } from '../../shared/schema/api';
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';

/** A call that passed: its name and the payload its schema gave. */
export type DeskCall<K extends DeskApiName = DeskApiName> = { name: K; payload: DeskApiPayloads[K] };

// The API map seen as "each name's schema gives that name's payload", so that a schema picked
// by a generic name parses to that name's payload type.
const schemas: { [K in DeskApiName]: z.ZodType<DeskApiPayloads[K]> } = deskApi;

export function parseDeskCall<K extends DeskApiName>(name: K, payload: unknown): ({ ok: true } & DeskCall<K>) | Refusal<'invalid-input'>;
export function parseDeskCall(name: unknown, payload: unknown): ({ ok: true } & DeskCall) | Refusal<'invalid-input'>;
export function parseDeskCall(name: unknown, payload: unknown): ({ ok: true } & DeskCall) | Refusal<'invalid-input'> {
  if (!isDeskApiName(name)) return refuse('invalid-input', [`name: no such call ${describeName(name)}`]);
  // zod's object schema takes any non-array object (a Map, a Date, which structured clone
  // carries over IPC as themselves): a payload is a plain { … } or nothing.
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && !isPlainObject(payload)) {
    return refuse('invalid-input', [`payload: must be a plain object { … }, not ${Object.prototype.toString.call(payload)}`]);
  }
  const parsed = schemas[name].safeParse(payload);
  if (parsed.success) return { ok: true, name, payload: parsed.data };
  // Bad input is refused with the fields at fault, and changes nothing.
  return refuse('invalid-input', parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`));
}

// hasOwn, not `in`: '__proto__', 'toString' and friends are not calls.
function isDeskApiName(name: unknown): name is DeskApiName {
  return typeof name === 'string' && Object.hasOwn(deskApi, name);
}

/**
 * A name that is no call, for the refusal. Never String(name): an object's own `toString`
 * may be no function (`{"toString": 5}` over the socket) and a deeply nested list overflows
 * the stack, and either would throw out of the gate instead of refusing.
 */
function describeName(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name.slice(0, 100));
  if (name === null) return 'null';
  if (Array.isArray(name)) return '(a list)';
  if (typeof name === 'object') return '(an object)';
  if (typeof name === 'symbol') return '(a symbol)';
  return `(${typeof name} ${String(name).slice(0, 40)})`;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
