// SPEC "Expiry": a fixed date or a relative timeframe (the whole timeframe, counted from first
// use); either override replaces the original settings and the other override.
import type { DeskApiResults } from '../../shared/schema/api';
import { overrideExpiryInput } from '../../shared/schema/api';
import type { ExpiryOverride } from '../../shared/schema/records';
import { refuse } from '../../shared/rules/errors';
import { refuseExpiryOverride } from '../../shared/rules/overrides';
import type { DeskContext } from '../desk/deskContext';
import { parsePayload } from './parsePayload';
import { entryBase, loadPass, stateAfter } from './passEntry';

export async function overrideExpiry(desk: DeskContext, payload: unknown): Promise<DeskApiResults['overrideExpiry']> {
  const input = parsePayload(overrideExpiryInput, payload);
  if (!input.ok) return input;
  const loaded = loadPass(desk, input.value.passId);
  if (!loaded.ok) return loaded;
  const refusal = refuseExpiryOverride(loaded.state);
  if (refusal) return refuse(refusal);
  const { fixedDate, relativeDays } = input.value;
  const expiry: ExpiryOverride = fixedDate !== undefined ? { kind: 'fixed', date: fixedDate } : { kind: 'relative', days: relativeDays! };
  await desk.appendLedger({ ...entryBase(desk, loaded, input.value.reason), kind: 'expiry-override', sessionId: '', expiry });
  const state = stateAfter(desk, loaded);
  return { ok: true, expiresOn: state.expiresOn, state };
}
