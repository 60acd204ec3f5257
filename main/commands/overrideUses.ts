// SPEC "Uses": the number staff set is the total the pass started with, not what is left.
import type { DeskApiResults } from '../../shared/schema/api';
import { overrideUsesInput } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { refuseUsesOverride } from '../../shared/rules/overrides';
import type { DeskContext } from '../desk/deskContext';
import { parsePayload } from './parsePayload';
import { entryBase, loadPass, stateAfter } from './passEntry';

export async function overrideUses(desk: DeskContext, payload: unknown): Promise<DeskApiResults['overrideUses']> {
  const input = parsePayload(overrideUsesInput, payload);
  if (!input.ok) return input;
  const loaded = loadPass(desk, input.value.passId);
  if (!loaded.ok) return loaded;
  const refusal = refuseUsesOverride(loaded.state, input.value.total);
  if (refusal) return refuse(refusal);
  await desk.appendLedger({ ...entryBase(desk, loaded, input.value.reason), kind: 'uses-override', sessionId: '', total: input.value.total });
  const state = stateAfter(desk, loaded);
  return { ok: true, total: input.value.total, used: state.used, remaining: input.value.total - state.used, state };
}
