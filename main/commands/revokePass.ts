// SPEC "Revoking": a revoked pass is never eligible again, stays visible, keeps its history.
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import type { DeskContext } from '../state/deskContext';
import { entryBase, loadPass, stateAfter } from './passEntry';

export async function revokePass(desk: DeskContext, input: DeskApiPayloads['revokePass']): Promise<DeskApiResults['revokePass']> {
  const loaded = loadPass(desk, input.passId);
  if (!loaded.ok) return loaded;
  // A revocation is final: revoking again would only add noise to the history.
  if (loaded.state.revoked) return refuse('pass-revoked');
  await desk.appendLedger({ ...entryBase(desk, loaded, input.reason), kind: 'revoke', sessionId: '' });
  return { ok: true, state: stateAfter(desk, loaded) };
}
