// The status bar's sync facts: "last synced" survives a restart (stored now and then, not on
// every exchange) and belongs to one pairing.
import { describe, expect, it, vi } from 'vitest';
import { SyncStatusTracker } from '../../main/sync/syncStatusTracker';

const at = (ms: number) => new Date(ms).toISOString();

describe('SyncStatusTracker, last synced', () => {
  it('restores the stored time of an earlier run and stores new ones at most every 15 s', () => {
    let nowMs = Date.parse('2026-11-25T10:00:00Z');
    const tracker = new SyncStatusTracker(() => nowMs);
    tracker.paired('http://127.0.0.1:4700', () => 0);
    const saved: string[] = [];
    tracker.rememberLastSynced('2026-11-24T18:30:00.000Z', (time) => saved.push(time));
    expect(tracker.snapshot().lastSyncedAt).toBe('2026-11-24T18:30:00.000Z');

    tracker.succeeded();
    expect(tracker.snapshot().lastSyncedAt).toBe(at(nowMs));
    expect(saved).toEqual([at(nowMs)]);
    nowMs += 5_000;
    tracker.succeeded();
    expect(saved).toHaveLength(1);
    nowMs += 10_000;
    tracker.succeeded();
    expect(saved).toEqual([at(nowMs - 15_000), at(nowMs)]);
  });

  it('keeps the newer of the stored time and one already seen, and forgets both with a new pairing', () => {
    const nowMs = Date.parse('2026-11-25T10:00:00Z');
    const tracker = new SyncStatusTracker(() => nowMs);
    tracker.paired('http://127.0.0.1:4700', () => 0);
    tracker.succeeded();
    tracker.rememberLastSynced('2026-11-24T18:30:00.000Z', () => undefined);
    expect(tracker.snapshot().lastSyncedAt).toBe(at(nowMs));

    const saved: string[] = [];
    tracker.rememberLastSynced(null, (time) => saved.push(time));
    tracker.paired('http://127.0.0.1:4800', () => 0);
    expect(tracker.snapshot().lastSyncedAt).toBeNull();
    tracker.succeeded();
    expect(saved).toEqual([]);
  });
});

describe('SyncStatusTracker, desks heard from', () => {
  it('drops a desk last heard 61 s ago out of the count at 61 s, not at the next hello', () => {
    let nowMs = Date.parse('2026-12-07T10:00:00Z');
    const tracker = new SyncStatusTracker(() => nowMs);
    tracker.paired('http://127.0.0.1:4700', () => 0);
    // This desk, one heard 20 s before the hello and one heard 50 s before it.
    tracker.heardDesks({ desksHeard: 3, othersHeardMsAgo: [20_000, 50_000] });
    expect(tracker.snapshot().desksHeard).toBe(3);
    nowMs += 10_000;
    expect(tracker.snapshot().desksHeard).toBe(3);
    nowMs += 1_000;
    expect(tracker.snapshot().desksHeard).toBe(2);
    nowMs += 40_000;
    expect(tracker.snapshot().desksHeard).toBe(1);
  });

  it('announces the smaller count when a desk drops out, without a hello', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T10:00:00Z') });
    try {
      const tracker = new SyncStatusTracker(() => Date.now());
      tracker.paired('http://127.0.0.1:4700', () => 0);
      const heard: (number | undefined)[] = [];
      tracker.onChange((status) => heard.push(status.desksHeard));
      tracker.heardDesks({ desksHeard: 2, othersHeardMsAgo: [59_000] });
      await vi.advanceTimersByTimeAsync(500);
      expect(heard).toEqual([2]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(heard).toEqual([2, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the count an older endpoint said until its next hello', () => {
    let nowMs = Date.parse('2026-12-07T10:00:00Z');
    const tracker = new SyncStatusTracker(() => nowMs);
    tracker.paired('http://127.0.0.1:4700', () => 0);
    tracker.heardDesks({ desksHeard: 3 });
    nowMs += 120_000;
    expect(tracker.snapshot().desksHeard).toBe(3);
  });
});

describe('SyncStatusTracker, a new pairing and a switch of endpoint', () => {
  /** A tracker that has been through everything an endpoint and the venue's data can tell it. */
  function worn(nowMs: number): SyncStatusTracker {
    const tracker = new SyncStatusTracker(() => nowMs);
    tracker.paired('http://127.0.0.1:4700', () => 0);
    tracker.succeeded();
    tracker.heardDesks({ desksHeard: 2, othersHeardMsAgo: [1_000] });
    tracker.initialProgress({ stage: 'history', done: 1, total: 2 });
    tracker.conflict('pass-1');
    tracker.stuck('venue-mismatch', { note: 'venue-mismatch', held: 'venue-a', served: 'venue-b' });
    tracker.streamClosed({ kind: 'unreachable', message: 'gone' });
    tracker.standbyProblem({ code: 'hub-untrusted', note: { note: 'sync-hub-untrusted-standby' }, details: null });
    return tracker;
  }

  it('a switch forgets what the previous endpoint said and keeps what the venue\'s data is about', () => {
    const nowMs = Date.parse('2026-12-07T10:00:00Z');
    const tracker = worn(nowMs);
    tracker.switched('http://127.0.0.1:4800', () => 0, []);
    const fresh = new SyncStatusTracker(() => nowMs);
    fresh.paired('http://127.0.0.1:4800', () => 0);
    const status = tracker.snapshot();
    expect({ ...status, lastSyncedAt: null, initial: null, problem: null, problemCode: null, problemDetails: null }).toEqual(fresh.snapshot());
    expect(status.lastSyncedAt).toBe(new Date(nowMs).toISOString());
    expect(status.initial).not.toBeNull();
    expect(status.desksHeard).toBeUndefined();
  });

  it('a new pairing forgets all a switch forgets and the venue-side fields too', () => {
    const nowMs = Date.parse('2026-12-07T10:00:00Z');
    const tracker = worn(nowMs);
    tracker.paired('http://127.0.0.1:4800', () => 0);
    const fresh = new SyncStatusTracker(() => nowMs);
    fresh.paired('http://127.0.0.1:4800', () => 0);
    expect(tracker.snapshot()).toEqual(fresh.snapshot());
  });
});
