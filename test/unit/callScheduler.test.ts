// The door's calls before the first sync's background steps (main/desk/callScheduler.ts).
// Profiled in docs/performance.md: during a first sync, a check-in's write found a bundle
// write of the history in flight half the time, and every step of the sync took the disk and
// a core from the door. So while the door is in use a step rests as long as it took.
import { describe, expect, it } from 'vitest';
import { CallScheduler, DOOR_IN_USE_MS, MAX_REST_MS } from '../../main/desk/callScheduler';

function fakeScheduler() {
  let nowMs = 10_000;
  const rests: number[] = [];
  const scheduler = new CallScheduler(() => nowMs, async (ms) => {
    rests.push(ms);
  });
  return { scheduler, rests, advance: (ms: number) => { nowMs += ms; } };
}

describe('CallScheduler', () => {
  it('a bundle write of the first sync while the door is in use: the history rests as long as the write took before its next one', async () => {
    const { scheduler, rests } = fakeScheduler();
    await scheduler.serving(async () => 'checked in');
    await scheduler.idle(40);
    expect(rests).toEqual([40]);
  });

  it('rests at most MAX_REST_MS after one step, however long it took', async () => {
    const { scheduler, rests } = fakeScheduler();
    await scheduler.serving(async () => 'checked in');
    await scheduler.idle(MAX_REST_MS * 5);
    expect(rests).toEqual([MAX_REST_MS]);
  });

  it('goes at full pace once the door has been quiet for DOOR_IN_USE_MS, and before any call', async () => {
    const { scheduler, rests, advance } = fakeScheduler();
    await scheduler.idle(40);
    await scheduler.serving(async () => 'checked in');
    advance(DOOR_IN_USE_MS);
    await scheduler.idle(40);
    expect(rests).toEqual([]);
  });

  it('a step that says nothing of its length (the door\'s part, the search fold) only waits for the calls under way', async () => {
    const { scheduler, rests } = fakeScheduler();
    await scheduler.serving(async () => 'checked in');
    await scheduler.idle();
    expect(rests).toEqual([]);
  });

  it('waits for a call under way to end before the background goes on', async () => {
    const { scheduler } = fakeScheduler();
    let endCall = () => {};
    const call = scheduler.serving(() => new Promise<void>((resolve) => { endCall = resolve; }));
    let idle = false;
    const waiting = scheduler.idle().then(() => { idle = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    endCall();
    await call;
    await waiting;
    expect(idle).toBe(true);
  });
});
