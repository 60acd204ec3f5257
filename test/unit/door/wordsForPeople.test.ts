// Issue 13, "Words for people": no raw technical text in what the desk says ("fetch failed
// (ECONNREFUSED)", "HTTP 401"): one plain sentence, the technical part apart for a Details
// disclosure; and no sentence said twice. Issue 14, "main sends codes": main's part of it is a
// note (a code with parameters); the sentence is the renderer's, from the catalog.
import { describe, expect, it } from 'vitest';
import type { EndpointFailure } from '../../../main/sync/syncEndpoint';
import { conflictLine, droppedLine, failureLine } from '../../../main/sync/syncProblems';
import { checkPairing } from '../../../main/sync/pairing';
import { wordsIn } from '../../../renderer/i18n/wordsIn';

const technical = /ECONNREFUSED|fetch failed|HTTP \d{3}|\(|\)/;
const english = wordsIn('en-GB');

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
    expect(english.noteWords(line.note)).not.toMatch(technical);
    expect(line.details).toBe(failure.message);
  });

  it('a ledger conflict and refused documents say what happened, the ids and reasons apart', () => {
    const conflict = conflictLine(1, 'l-42');
    expect(english.noteWords(conflict.note)).toBe('1 check-in or change conflicts with the sync endpoint\'s copy. This desk keeps its own history; ask the venue\'s admin to look at the log.');
    expect(conflict.details).toContain('l-42');
    const dropped = droppedLine(2, { collection: 'passes', id: 'x-bad', reason: 'customerId: required' });
    expect(english.noteWords(dropped.note)).toBe('2 records from the sync endpoint could not be used and were left out. The rest synced.');
    expect(dropped.details).toContain('passes x-bad: customerId: required');
  });
});

describe('main sends codes, never sentences', () => {
  it('a sync problem is a note with its parameters, no words', () => {
    expect(conflictLine(3, 'l-42').note).toEqual({ note: 'sync-conflicts', count: 3 });
    expect(failureLine({ kind: 'unreachable', message: 'fetch failed' }).note).toEqual({ note: 'sync-unreachable' });
  });
});

describe('pairing with an endpoint that does not answer', () => {
  it('says so in a sentence; the network\'s error is in the details only', async () => {
    const check = await checkPairing({ url: 'http://127.0.0.1:9', token: '0123456789abcdef' }, null, { timeoutMs: 5_000 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.refusal.note).toEqual({ note: 'endpoint-no-answer' });
    expect(english.refusalWords(check.refusal.error, check.refusal.note)).toBe('No answer from the sync endpoint. Check the address and the network.');
    expect(check.refusal.details).toMatch(/fetch failed|ECONNREFUSED/);
  });
});

describe('no sentence said twice', () => {
  it('a refusal with a note says the note\'s sentence, not the code\'s words before it', () => {
    const words = english.refusalWords('endpoint-unreachable', { note: 'endpoint-no-answer' });
    expect(words).toBe('No answer from the sync endpoint. Check the address and the network.');
    expect(new Set(sentences(words)).size).toBe(sentences(words).length);
  });

  it('without one, the code\'s words', () => {
    expect(english.refusalWords('endpoint-unreachable')).toBe('The sync endpoint cannot be reached. Check the address and the network.');
  });
});
