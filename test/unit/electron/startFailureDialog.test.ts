// Issue 16: Electron's start-up error dialog, drawn by main before any page exists, speaks the
// desk's language from the one catalog (shared/i18n), as the screens do. main/electron/main.ts
// run against the fake Electron with a German desk (its choice kept in desk.json) and a venue
// file at launch that is not one: the dialog is German, the file's problem line in it too.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { INITIAL_VENUE_ENV, USER_DATA_ENV } from '../../../main/electron/launchSettings';
import { fakeElectronRuntime, runtimeApp } from './fakeElectronRuntime';
import { deskLanguageOnDisk, startFailureWords } from '../../../main/startFailure';

vi.mock('electron', async () => (await import('./fakeElectronRuntime')).fakeElectronRuntime);

let workDir = '';

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(workDir, { recursive: true, force: true });
});

it('the desk could not open: the dialog in the desk\'s language (German), naming the file and its problem', async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-start-failure-'));
  const userData = path.join(workDir, 'user-data');
  await mkdir(userData, { recursive: true });
  await writeFile(path.join(userData, 'desk.json'), JSON.stringify({ deskId: 'desk-de', staff: 'Kasse', language: 'de' }));
  await writeFile(path.join(workDir, 'venue.json'), '{\n  "venue": {"id": "v1", "timeZone": "Europe/Berlin"},\n}');
  process.env[USER_DATA_ENV] = userData;
  process.env[INITIAL_VENUE_ENV] = path.join(workDir, 'venue.json');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('../../../main/electron/main');
  const dialog = vi.mocked(fakeElectronRuntime.dialog.showErrorBox);
  await vi.waitFor(() => expect(dialog).toHaveBeenCalled(), { timeout: 10_000 });
  const [title, text] = dialog.mock.calls[0]!;
  expect(title).toBe('Kasse');
  expect(text).toContain('Die Kasse konnte nicht starten.');
  expect(text).toContain('venue.json ist keine Standortdatei:');
  // The file's problem, at its line and column, in German too.
  expect(text).toMatch(/Zeile 2, Spalte \d+, venue: ein Komma vor "\}" ist in JSON nicht erlaubt: entfernen Sie dieses Komma/);
  expect(text).not.toMatch(/could not start|is not a venue file|line \d|not allowed/);
  expect(runtimeApp.quit).toHaveBeenCalled();
});

it.each([
  ['de', 'Die Kasse konnte nicht starten.'],
  ['fr', 'Le poste n’a pas pu démarrer.'],
  ['es', 'El puesto no ha podido arrancar.'],
  ['nl', 'De balie kon niet starten.'],
  [null, 'The desk could not start.'],
] as const)('a desk in %s: the start-up failure in its words, the technical part for IT after them', (language, opening) => {
  const { text } = startFailureWords({ kind: 'error', detail: 'Error: EACCES' }, language);
  expect(text.startsWith(opening)).toBe(true);
  expect(text.endsWith('Error: EACCES')).toBe(true);
});

it('a desk with no desk.json, or a damaged one, speaks en-GB', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'desk-start-language-'));
  try {
    expect(await deskLanguageOnDisk(empty)).toBeNull();
    await writeFile(path.join(empty, 'desk.json'), '{"deskId": ');
    expect(await deskLanguageOnDisk(empty)).toBeNull();
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
