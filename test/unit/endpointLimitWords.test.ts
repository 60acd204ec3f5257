// An endpoint that limits a desk or is out of disk (issue 12) is told apart by its code, never
// its status: each refusal becomes its own problem code (main/sync/syncProblems.ts), the desk
// waits at least what Retry-After asked (Backoff), and the renderer says each in words for door
// staff (renderer/status/syncWords.ts). An answer with no code of the contract is a proxy's.
import { describe, expect, it } from 'vitest';
import type { SyncProblemCode, SyncStatus } from '../../shared/schema/api';
import { unpairedSyncStatus } from '../../shared/schema/api';
import { failureOfAnswer, retryAfterMsOf } from '../../shared/sync/syncRequest';
import { failureLine, problemOf } from '../../main/sync/syncProblems';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { Backoff } from '../../main/sync/backoff';
import { SyncStatusTracker } from '../../main/sync/syncStatusTracker';
import { syncProblemSentence } from '../../renderer/status/syncWords';

const refusalText = (error: string) => JSON.stringify({ error, message: `refused: ${error}` });

describe('a refusal is sorted by its code', () => {
  it.each<[string, number, string | null, SyncProblemCode, number]>([
    ['too-many-failed-attempts', 429, '7', 'too-many-failed-attempts', 7_000],
    ['too-many-streams', 429, '15', 'too-many-streams', 15_000],
    ['storage-full', 507, null, 'endpoint-disk-full', 0],
    ['unavailable', 503, '5', 'endpoint-unavailable', 5_000],
    ['internal', 500, null, 'endpoint-error', 0],
    ['token-revoked', 401, null, 'token-refused', 0],
    ['clock-ahead', 409, null, 'request-refused', 0],
  ])('%s (HTTP %i, Retry-After %s) is %s, waiting %i ms at least', (code, status, retryAfter, problem, waitMs) => {
    const failure = failureOfAnswer(status, retryAfter, refusalText(code));
    expect(problemOf(failure)).toBe(problem);
    expect(retryAfterMsOf(failure)).toBe(waitMs);
  });

  it('the same code under another status is the same problem: the code decides, not the status', () => {
    expect(problemOf(failureOfAnswer(503, null, refusalText('storage-full')))).toBe('endpoint-disk-full');
    expect(problemOf(failureOfAnswer(400, null, refusalText('too-many-streams')))).toBe('too-many-streams');
  });

  it('an answer without a code of the contract is a proxy\'s: a 5xx is the endpoint away, anything else not the endpoint', () => {
    expect(failureOfAnswer(502, null, '<html>Bad gateway</html>')).toMatchObject({ kind: 'server-error' });
    expect(failureOfAnswer(404, null, 'Not Found')).toMatchObject({ kind: 'bad-answer' });
    expect(failureOfAnswer(429, '3', '{"error":"slow-down"}')).toMatchObject({ kind: 'bad-answer' });
  });
});

describe('a desk waits at least as long as the endpoint asked', () => {
  it('past its own delay and past its cap', () => {
    const backoff = new Backoff({ initialMs: 50, maxMs: 400, random: () => 1 });
    expect(backoff.next()).toBe(50);
    expect(backoff.next(3_000)).toBe(3_000);
    expect(backoff.next(10)).toBe(200);
  });
});

describe('the status bar says each in words for door staff', () => {
  const technical = /HTTP|\d{3}|429|507|503|token-|storage-full|Retry/;
  it.each<[SyncProblemCode, RegExp]>([
    ['endpoint-disk-full', /disk is full.*saved on this desk/],
    ['endpoint-unavailable', /cannot reach its database.*saved on this desk/],
    ['too-many-failed-attempts', /too many wrong device tokens.*saved on this desk/],
    ['too-many-streams', /too many screens/],
  ])('%s', (code, words) => {
    const sync: SyncStatus = { ...unpairedSyncStatus, endpoint: 'http://127.0.0.1:4700', online: true, problem: failureLine(failureOfAnswer(code === 'endpoint-disk-full' ? 507 : code === 'endpoint-unavailable' ? 503 : 429, null, refusalText(code === 'endpoint-disk-full' ? 'storage-full' : code === 'endpoint-unavailable' ? 'unavailable' : code))).note, problemCode: code, problemDetails: 'HTTP 507: …' };
    const sentence = syncProblemSentence(wordsIn('en-GB'), sync);
    expect(sentence).toMatch(words);
    expect(sentence).not.toMatch(technical);
  });

  it('a live stream refused for too many streams is still said while pulls get through, until the stream opens', () => {
    const tracker = new SyncStatusTracker(() => Date.parse('2026-12-07T12:00:00Z'));
    tracker.paired('http://127.0.0.1:4700', () => 0);
    tracker.streamClosed(failureOfAnswer(429, '15', refusalText('too-many-streams')));
    tracker.succeeded();
    expect(tracker.snapshot().problemCode).toBe('too-many-streams');
    tracker.streamOpened();
    expect(tracker.snapshot().problemCode).toBeNull();
  });
});
