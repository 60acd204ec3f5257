// Where the desk keeps its data and which venue a new desk opens (main/electron/launchSettings.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INITIAL_VENUE_ENV, launchSettingsFrom, USER_DATA_ENV, USER_DATA_FOLDER } from '../../../main/electron/launchSettings';

const appData = path.resolve('/home/ada/.config');
const cwd = path.resolve('/home/ada/desk');

describe('launch settings', () => {
  it('keep the data in the OS application-data folder, under the product name, and give a new desk no venue file (its first screen offers the demo)', () => {
    expect(launchSettingsFrom({}, appData, cwd)).toEqual({ userDataDir: path.join(appData, 'Box Office Desk'), initialVenueFile: null });
    expect(USER_DATA_FOLDER).toBe('Box Office Desk');
  });

  it('take a data folder and a venue file from the environment, relative to where the desk was started', () => {
    expect(launchSettingsFrom({ [USER_DATA_ENV]: 'data', [INITIAL_VENUE_ENV]: 'venue.json' }, appData, cwd))
      .toEqual({ userDataDir: path.join(cwd, 'data'), initialVenueFile: path.join(cwd, 'venue.json') });
    expect(launchSettingsFrom({ [USER_DATA_ENV]: '/srv/desk' }, appData, cwd).userDataDir).toBe(path.resolve('/srv/desk'));
  });

  it('ignore empty values', () => {
    expect(launchSettingsFrom({ [USER_DATA_ENV]: '  ', [INITIAL_VENUE_ENV]: '' }, appData, cwd))
      .toEqual({ userDataDir: path.join(appData, 'Box Office Desk'), initialVenueFile: null });
  });
});
