// The one gate every renderer call passes before main runs it, whatever carried it (Electron
// IPC or the browser desk's WebSocket): the name must be a call of the shared API map and the
// payload must match that call's schema. Anything else is refused as a value and runs nothing.
import type { DeskApiName } from '../../shared/schema/api';
import { deskApi } from '../../shared/schema/api';
import type { Refusal } from '../../shared/rules/errors';
import { refuse } from '../../shared/rules/errors';
import { parsePayload } from '../commands/parsePayload';

export type ValidDeskCall = { ok: true; name: DeskApiName; payload: unknown };

export function validateDeskCall(name: unknown, payload: unknown): ValidDeskCall | Refusal<'invalid-input'> {
  // hasOwn, not `in`: '__proto__', 'toString' and friends are not calls.
  if (typeof name !== 'string' || !Object.hasOwn(deskApi, name)) {
    return refuse('invalid-input', [`name: no such call ${describeName(name)}`]);
  }
  const callName = name as DeskApiName;
  // zod's object schema takes any non-array object (a Map, a Date, which structured clone
  // carries over IPC as themselves): a payload is a plain { … } or nothing.
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && !isPlainObject(payload)) {
    return refuse('invalid-input', [`payload: must be a plain object { … }, not ${Object.prototype.toString.call(payload)}`]);
  }
  const parsed = parsePayload(deskApi[callName], payload);
  return parsed.ok ? { ok: true, name: callName, payload: parsed.value } : parsed;
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
