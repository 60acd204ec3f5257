// SPEC "Expiry": a fixed date or a relative timeframe (the whole timeframe, counted from first
// use); either override replaces the original settings and the other override.
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import type { ExpiryOverride } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import { refuseExpiryOverride } from '../../shared/rules/overrides';
import type { DeskContext } from '../state/deskContext';
import { entryBase, loadPass, stateAfter } from './passEntry';

export async function overrideExpiry(desk: DeskContext, input: DeskApiPayloads['overrideExpiry']): Promise<DeskApiResults['overrideExpiry']> {
  const loaded = loadPass(desk, input.passId);
  if (!loaded.ok) return loaded;
  const refusal = refuseExpiryOverride(loaded.state);
  if (refusal) return refuse(refusal);
  const { fixedDate, relativeDays } = input;
  const expiry: ExpiryOverride = fixedDate !== undefined ? { kind: 'fixed', date: fixedDate } : { kind: 'relative', days: relativeDays! };
  await desk.appendLedger({ ...entryBase(desk, loaded, input.reason), kind: 'expiry-override', sessionId: '', expiry });
  const state = stateAfter(desk, loaded);
  return { ok: true, expiresOn: state.expiresOn, state };
}
