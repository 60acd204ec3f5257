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
    return refuse('invalid-input', [`name: no such call ${JSON.stringify(String(name).slice(0, 100))}`]);
  }
  const callName = name as DeskApiName;
  const parsed = parsePayload(deskApi[callName], payload);
  return parsed.ok ? { ok: true, name: callName, payload: parsed.value } : parsed;
}
