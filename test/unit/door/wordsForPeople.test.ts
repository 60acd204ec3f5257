// Issue 13, "Words for people": no raw technical text in what the desk says ("fetch failed
// (ECONNREFUSED)", "HTTP 401"): one plain sentence, the technical part apart for a Details
// disclosure; and no sentence said twice.
import { describe, expect, it } from 'vitest';
import type { EndpointFailure } from '../../../main/sync/syncEndpoint';
import { conflictLine, droppedLine, failureLine } from '../../../main/sync/syncProblems';
import { checkPairing } from '../../../main/sync/pairing';
import { refusalWords } from '../../../renderer/words';

const technical = /ECONNREFUSED|fetch failed|HTTP \d{3}|\(|\)/;

/** Every sentence once: split at full stops, compared without case. */
function sentences(text: string): string[] {
  return text.split(/(?<=\.)\s+/).map((sentence) => sentence.trim().toLowerCase()).filter(Boolean);
}

describe('the status bar\'s sync problem is one plain sentence, the technical part apart', () => {
  it.each<EndpointFailure>([
    { kind: 'unreachable', message: 'fetch failed (ECONNREFUSED)' },
    { kind: 'server-error', status: 503, message: 'HTTP 503: Service Unavailable' },
    { kind: 'refused', status: 401, message: 'HTTP 401: unknown device token' },
    { kind: 'rejected', status: 400, message: 'HTTP 400: bad checkpoint' },
    { kind: 'bad-answer', message: '/sync/hello: the answer is not JSON (HTTP 200)' },
  ] as EndpointFailure[])('$kind', (failure) => {
    const line = failureLine(failure);
    expect(line.words).not.toMatch(technical);
    expect(line.details).toBe(failure.message);
  });

  it('a ledger conflict and refused documents say what happened, the ids and reasons apart', () => {
    const conflict = conflictLine(1, 'l-42');
    expect(conflict.words).not.toContain('l-42');
    expect(conflict.details).toContain('l-42');
    const dropped = droppedLine(2, { collection: 'passes', id: 'x-bad', reason: 'customerId: required' });
    expect(dropped.words).not.toMatch(/x-bad|customerId/);
    expect(dropped.details).toContain('passes x-bad: customerId: required');
  });
});

describe('pairing with an endpoint that does not answer', () => {
  it('says so in a sentence; the network\'s error is in the details only', async () => {
    const check = await checkPairing({ url: 'http://127.0.0.1:9', token: '0123456789abcdef' }, null, { timeoutMs: 5_000 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.refusal.message).toBe('No answer from the sync endpoint. Check the address and the network.');
    expect(check.refusal.details).toMatch(/fetch failed|ECONNREFUSED/);
  });
});

describe('no sentence said twice', () => {
  it('a refusal with its own sentence says that one, not the code\'s words before it', () => {
    const words = refusalWords('endpoint-unreachable', 'No answer from http://127.0.0.1:9. Check the address and the network.');
    expect(words).toBe('No answer from http://127.0.0.1:9. Check the address and the network.');
    expect(new Set(sentences(words)).size).toBe(sentences(words).length);
  });

  it('without one, the code\'s words', () => {
    expect(refusalWords('endpoint-unreachable')).toBe('The sync endpoint cannot be reached. Check the address and the network.');
  });
});
