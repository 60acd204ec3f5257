// One explicit sync round: each collection in turn pushes (the ledger) and pulls until it is
// in sync with the endpoint, then stops. The scenario runner's `sync` step and the
// convergence tests drive desks with rounds (which desk, when, with which network faults);
// a round runs the very replication the live desk runs, only without the live stream.
import { firstValueFrom } from 'rxjs';
import { pushCollections } from '../../shared/schema/sync';
import type { SyncSession } from './syncSession';
import { syncOrder } from './liveSync';

export type SyncRoundResult =
  /** `moved`: documents written here by pulls plus documents pushed; 0 means nothing left to do. */
  | { ok: true; moved: number }
  | { ok: false; moved: number; problem: string };

export async function runSyncRound(session: SyncSession): Promise<SyncRoundResult> {
  let moved = 0;
  for (const name of syncOrder) {
    const replication = session.replicate(name);
    const counting = [replication.received$.subscribe(() => { moved += 1; })];
    // RxDB's upstream also walks a pull-only collection's local writes once (sending nothing):
    // only a push collection's sent documents went anywhere.
    if ((pushCollections as readonly string[]).includes(name)) counting.push(replication.sent$.subscribe(() => { moved += 1; }));
    // The first error ends the round (RxDB would retry it forever); the next round retries.
    const failed = firstValueFrom(replication.error$).then((error) => ({ error }), () => null);
    const outcome = await Promise.race([replication.awaitInSync().then(() => null), failed]);
    for (const subscription of counting) subscription.unsubscribe();
    await replication.cancel();
    if (outcome) {
      const error = outcome.error as { message?: string; parameters?: { errors?: { message?: string }[] } };
      const cause = error.parameters?.errors?.[0]?.message ?? error.message ?? String(outcome.error);
      return { ok: false, moved, problem: `${name}: ${cause}` };
    }
  }
  return { ok: true, moved };
}
