// Where this desk keeps its data, and which venue a new desk opens: decided once at launch from
// the environment, before Electron is ready (the user-data folder keys the single-instance lock
// and Chromium's profile). Pure, so that tests check it without Electron.
import path from 'node:path';

/**
 * The folder under the OS's application-data folder (%APPDATA% on Windows, ~/Library/
 * Application Support on macOS, ~/.config on Linux) that holds the desk's database (Chromium's
 * IndexedDB in the storage host's partition), its identity and its log. Fixed here rather than
 * derived from the package name, so that a development build and the installed app agree, and
 * a rename never "loses" the data. electron-builder.yml's productName is the same words.
 */
export const USER_DATA_FOLDER = 'Box Office Desk';

/** Overrides the user-data folder (tests give each desk its own; IT may move the data). */
export const USER_DATA_ENV = 'BOX_OFFICE_USER_DATA';
/** A venue file a desk with no venue yet opens (like `start:browser --venue`); without one, its first screen offers the demo. */
export const INITIAL_VENUE_ENV = 'BOX_OFFICE_INITIAL_VENUE';

export type LaunchSettings = {
  userDataDir: string;
  /** Absolute path of a venue file, or null: the desk's first screen offers the ways in. */
  initialVenueFile: string | null;
};

export function launchSettingsFrom(env: Record<string, string | undefined>, appDataDir: string, cwd: string): LaunchSettings {
  const userData = env[USER_DATA_ENV]?.trim();
  const venue = env[INITIAL_VENUE_ENV]?.trim();
  return {
    userDataDir: userData ? path.resolve(cwd, userData) : path.join(appDataDir, USER_DATA_FOLDER),
    initialVenueFile: venue ? path.resolve(cwd, venue) : null,
  };
}
