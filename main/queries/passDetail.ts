// One pass with what the adjustment screens need to preview a change before it is saved:
// its state now, its tally (what its entries add up to, before the clock is consulted) and
// its customer. The renderer folds the tally with the same shared rules main uses
// (`previewExpiryOverride`, `previewUsesOverride`), so a preview can never disagree with
// what the command will then save.
import type { DeskApiPayloads, DeskApiResults } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import type { DeskContext } from '../state/deskContext';
import { passViewOf } from './passViews';

export function passDetail(desk: DeskContext, input: DeskApiPayloads['passDetail']): DeskApiResults['passDetail'] {
  const { memory } = desk;
  const venue = memory.venue;
  if (!venue) return refuse('no-venue');
  const pass = memory.passes.get(input.passId);
  if (!pass) return refuse('unknown-pass');
  const customer = memory.customers.get(pass.customerId);
  if (!customer) return refuse('unknown-customer');
  return {
    ok: true,
    customer,
    view: passViewOf(memory, pass, venue.timeZone, desk.now()),
    tally: memory.tallyOf(pass),
    timeZone: venue.timeZone,
  };
}
