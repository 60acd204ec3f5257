// The status bar's sync facts: "last synced" survives a restart (stored now and then, not on
// every exchange) and belongs to one pairing.
import { describe, expect, it } from 'vitest';
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
