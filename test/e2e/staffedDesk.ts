// A browser desk paired with a real endpoint (PGlite in memory) whose venue has staff, set to
// a language before it pairs: for the tests that look at the staff screens (sign-in, step-up,
// lock) and the kiosk in a language other than English. Everything is reached by keys and
// field ids, never by English words.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { connectDeskApi } from '../crash/deskApiSocket';
import type { DeskApiSocket } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import type { DeskFolders, RunningBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import type { DeskVenue } from './deskVenue';
import { setUpVenue, startEndpoint } from '../scenarios/scenarioEndpoint';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import { addStaff } from '../../server/db/staff';
import { hashStaffPin } from '../../server/auth/pinHashing';
import type { DeskLanguageChoice } from '../../shared/schema/deskLanguages';
import type { StaffRole } from '../../shared/staff/staffRoles';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';

export type StaffMemberWithPin = { name: string; role: StaffRole; pin: string };

/** Adds `members` to the venue's staff on the endpoint's database, their PINs hashed as the endpoint does. */
export async function addStaffMembers(db: Parameters<typeof addStaff>[0], venueId: string, members: readonly StaffMemberWithPin[]): Promise<void> {
  for (const member of members) await addStaff(db, venueId, { name: member.name, role: member.role, pinHash: hashStaffPin(member.pin) });
}

/** The venue's staff: name, role and PIN. */
export const staff = {
  admin: { name: 'Ada Admin', role: 'admin', pin: '9753' },
  manager: { name: 'Mani Manager', role: 'manager', pin: '2468' },
  door: { name: 'Dora Door', role: 'door', pin: '1357' },
} as const;

export type StaffedDesk = RunningBrowserDesk & { api: DeskApiSocket; venue: DeskVenue; endpoint: RunningEndpoint; folders: DeskFolders; close(): Promise<void> };

/** A desk on `deskPort` set to `language`, paired with an endpoint on `endpointPort`; it shows the sign-in screen. */
export async function openStaffedDesk(endpointPort: number, deskPort: number, language: DeskLanguageChoice, viewport = { width: 1280, height: 800 }): Promise<StaffedDesk> {
  const started = await startEndpoint({ kind: 'pglite-memory' }, endpointPort);
  if (!started.ok) throw new Error(started.message);
  const { endpoint } = started;
  const venue = deskVenue();
  const settings = (await setUpVenue(endpoint, venue.data, ['desk'])).get('desk')!;
  await addStaffMembers(endpoint.server.db, venue.data.venue.id, Object.values(staff));
  const folders = await deskFolders(deskPort);
  const desk = await openBrowserDesk(folders, venue.data, viewport);
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  const close = async () => {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
    await endpoint.close();
  };
  try {
    const { page } = desk;
    expect(await api.call('setLanguage', { language })).toMatchObject({ answered: true, result: { ok: true } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await pairByKeys(page, settings);
    await expect(page.locator('#sign-in-name')).toBeVisible({ timeout: 30_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { ...desk, api, venue, endpoint, folders, close };
}

/** Types a few letters of the name and the PIN on the sign-in screen, as staff do (what follows is the test's to see). */
export async function typeNameAndPin(page: Page, letters: string, pin: string): Promise<void> {
  await page.locator('#sign-in-name').fill(letters);
  await page.keyboard.press('Enter');
  await page.locator('#sign-in-pin').fill(pin);
  await page.keyboard.press('Enter');
}

/** Signs in on the sign-in screen by a few letters of the name and the PIN. */
export async function signIn(page: Page, letters: string, pin: string): Promise<void> {
  await typeNameAndPin(page, letters, pin);
  await expect(page.getByTestId('signed-in')).toBeVisible();
}

/** Pairs the desk on its Setup screen (F4) with `settings`, as a venue's admin types them. */
export async function pairByKeys(page: Page, settings: EndpointSettings): Promise<void> {
  await page.keyboard.press('F4');
  await page.locator('#pair-entry').fill(settings.url);
  await page.locator('#pair-token').fill(settings.token);
  await page.locator('#pair-token').press('Enter');
}

/** Chooses the desk's first manager on its first-manager screen (a desk with no endpoint); they are then signed in. */
export async function chooseFirstManager(page: Page, name: string, pin: string): Promise<void> {
  await expect(page.locator('#first-manager-name')).toBeFocused({ timeout: 30_000 });
  await page.keyboard.type(name);
  await page.locator('#first-manager-pin').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name);
}
