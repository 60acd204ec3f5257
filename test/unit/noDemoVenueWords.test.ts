// Issue 16, an English leftover: a desk built without the demo venue refused `openDemoVenue` with
// the English issue "this desk has no demo venue", shown as it was in every language. Main sends
// a note; the desk's catalogs say it.
import { afterEach, expect, it } from 'vitest';
import { openTestDesk } from '../sync/syncTestbed';
import type { TestDesk } from '../sync/syncTestbed';
import { wordsIn } from '../../renderer/i18n/wordsIn';

let opened: TestDesk | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

it('a desk with no demo venue refuses it with a note in the desk’s language, no English issue', async () => {
  opened = await openTestDesk({ deskId: 'no-demo-desk', venue: null });
  const refused = await opened.desk.call('openDemoVenue', {});
  expect(refused).toEqual({ ok: false, error: 'invalid-input', note: { note: 'no-demo-venue' } });
  if (refused.ok) return;
  expect(wordsIn('en-GB').refusalWords(refused.error, refused.note)).toBe('This desk has no demo venue to open.');
  expect(wordsIn('de').refusalWords(refused.error, refused.note)).toBe('Auf dieser Kasse gibt es keinen Demo-Standort zum Öffnen.');
});
