// SPEC "Uses": the number staff set is the total the pass started with, not what is left.
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import { refuseUsesOverride } from '../../shared/rules/overrides';
import type { DeskContext } from '../state/deskContext';
import { entryBase, loadPass, stateAfter } from './passEntry';

export async function overrideUses(desk: DeskContext, input: DeskApiPayloads['overrideUses']): Promise<DeskApiResults['overrideUses']> {
  const loaded = loadPass(desk, input.passId);
  if (!loaded.ok) return loaded;
  const refusal = refuseUsesOverride(loaded.state, input.total);
  if (refusal) return refuse(refusal);
  await desk.appendLedger({ ...entryBase(desk, loaded, input.reason), kind: 'uses-override', sessionId: '', total: input.total });
  const state = stateAfter(desk, loaded);
  return { ok: true, total: input.total, used: state.used, remaining: input.total - state.used, state };
}
